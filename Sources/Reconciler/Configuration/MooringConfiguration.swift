import Foundation
import Manifests

/// `mooring.yaml`: the config repository and the environments moored from it.
public struct MooringConfiguration: Sendable, Equatable {
    public var repository: RepositoryConfiguration
    /// In the order the file lists them.
    public var environments: [EnvironmentConfiguration]
    /// How environments are rendered (`render.kustomize`).
    public var render: RenderSettings
    /// Names this configuration among others moored to the same cluster (like Argo CD's
    /// installation ID): every object applied records `mooring.dev/owner: <installation>/<env>`,
    /// and an object another installation owns is never applied or pruned here.
    public var installation: String
    /// `health.scripts`; every environment carries a copy as `healthChecks`.
    public var health: HealthChecks
    /// What `mooring run --listen` serves (`server:`); defaults when the file has none.
    public var server: ServerConfiguration
    /// `notifications`: the targets told about events, in the order the file lists them.
    public var notifications: [NotificationTarget] = []
    /// `links`: URL templates messages link to.
    public var links = NotificationLinks()

    /// The installation of a configuration that names none. Two configurations sharing a cluster
    /// must set different ones (and different environment names do not need them).
    public static let defaultInstallation = "default"

    public init(repository: RepositoryConfiguration, environments: [EnvironmentConfiguration], health: HealthChecks = .builtIn,
                installation: String = MooringConfiguration.defaultInstallation, render: RenderSettings = RenderSettings(),
                server: ServerConfiguration = ServerConfiguration()) {
        self.repository = repository
        self.installation = installation
        self.health = health
        self.render = render
        self.server = server
        self.environments = environments.map { environment in
            var copy = environment
            copy.installation = installation
            return copy
        }
    }

    public func environment(named name: String) -> EnvironmentConfiguration? {
        environments.first { $0.name == name }
    }

    /// Reads and validates a loaded `mooring.yaml`.
    ///
    /// - Parameters:
    ///   - document: the file as a JSON value (the YAML loader's output).
    ///   - file: the name used in messages, e.g. `mooring.yaml`.
    ///   - lineOf: where each path was written, so every problem names its line.
    /// - Throws: `ConfigurationError` listing every problem found.
    public init(document: JSON, file: String = "mooring.yaml", lineOf: @escaping LineLookup) throws {
        var reader = ConfigurationReader(file: file, lineOf: lineOf)
        let parsed = MooringConfiguration.read(document, with: &reader)
        if !reader.problems.isEmpty { throw ConfigurationError(problems: reader.problems) }
        self = parsed!
    }

    static let topLevelKeys = ["repository", "environments", "health", "installation", "render", "server", "notifications", "links"]

    private static func read(_ document: JSON, with reader: inout ConfigurationReader) -> MooringConfiguration? {
        if document.isNull {
            reader.report("the file is empty: it needs repository and environments", at: [])
            return nil
        }
        guard let root = reader.object(document, at: [], named: "the configuration") else { return nil }
        reader.rejectUnknownKeys(of: root, allowed: topLevelKeys, at: [], context: "at the top level")

        var repository: RepositoryConfiguration?
        if let value = root["repository"] {
            repository = RepositoryConfiguration.read(value, with: &reader)
        } else {
            reader.report("missing \"repository\" (its url and interval)", at: [])
        }

        let render = root["render"].map { RenderSettings.read($0, with: &reader) } ?? RenderSettings()

        var environments: [EnvironmentConfiguration] = []
        if let value = root["environments"] {
            if let map = reader.object(value, at: ["environments"], named: "environments") {
                if map.isEmpty { reader.report("environments is empty: name at least one", at: ["environments"]) }
                for (name, body) in map {
                    if let environment = EnvironmentConfiguration.read(name: name, body, with: &reader) {
                        environments.append(environment)
                    }
                }
            }
        } else {
            reader.report("missing \"environments\" (a map from environment name to its settings)", at: [])
        }
        EnvironmentConfiguration.checkRateLimitsAgree(environments, with: &reader)
        var health = HealthChecks.builtIn
        if let value = root["health"], !value.isNull {
            let directory = URL(fileURLWithPath: reader.file).deletingLastPathComponent().path
            health = readHealth(value, directory: directory, with: &reader)
            for index in environments.indices { environments[index].healthChecks = health }
        }
        var installation = defaultInstallation
        if let name = reader.string(root, "installation", at: [], named: "installation") {
            if EnvironmentConfiguration.isValidDNSLabel(name) {
                installation = name
            } else {
                reader.report("installation \"\(name)\" must be lowercase letters, digits and '-' (at most 63)", at: ["installation"])
            }
        }
        var notifications: [NotificationTarget] = []
        if let value = root["notifications"], !value.isNull {
            notifications = readNotifications(value, environments: Array((root["environments"]?.objectValue ?? JSONObject()).keys), repositoryURL: repository?.url.redacted, with: &reader)
        }
        var links = NotificationLinks()
        if let value = root["links"], !value.isNull { links = readLinks(value, with: &reader) }
        let server = root["server"].flatMap { ServerConfiguration.read($0, with: &reader) } ?? ServerConfiguration()
        guard let repository else { return nil }
        var configuration = MooringConfiguration(repository: repository, environments: environments, health: health, installation: installation,
                                                 render: render, server: server)
        configuration.notifications = notifications
        configuration.links = links
        return configuration
    }

    /// Checks each `kubeconfig` cluster against the contexts its file defines.
    ///
    /// - Parameter contextsOf: the context names of a kubeconfig file (`nil` path = the default
    ///   file), or `nil` when the file cannot be read; the caller does the IO.
    /// - Throws: `ConfigurationError` naming each unknown context or unreadable file with its line.
    public func validateClusters(
        file: String = "mooring.yaml", lineOf: @escaping LineLookup,
        contextsOf: (String?) -> [String]?
    ) throws {
        var reader = ConfigurationReader(file: file, lineOf: lineOf)
        for environment in environments {
            guard case let .kubeconfig(path, context) = environment.cluster else { continue }
            let where_ = ["environments", environment.name, "cluster"]
            guard let contexts = contextsOf(path) else {
                reader.report("cannot read kubeconfig \(path ?? "(default)") of environment \"\(environment.name)\"", at: where_ + ["kubeconfig"])
                continue
            }
            if let context, !contexts.contains(context) {
                let known = contexts.isEmpty ? "it has none" : "it has " + contexts.map { "\"\($0)\"" }.joined(separator: ", ")
                reader.report("unknown context \"\(context)\" in kubeconfig \(path ?? "(default)") of environment \"\(environment.name)\": \(known)", at: where_ + ["context"])
            }
        }
        if !reader.problems.isEmpty { throw ConfigurationError(problems: reader.problems) }
    }
}

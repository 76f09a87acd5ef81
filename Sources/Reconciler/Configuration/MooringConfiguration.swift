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

extension RepositoryConfiguration {
    static let keys = ["url", "interval", "auth"]
    static let authKeys = ["usernameEnv", "passwordEnv", "tokenEnv", "sshKeyEnv"]

    fileprivate static func read(_ value: JSON, with reader: inout ConfigurationReader) -> RepositoryConfiguration? {
        let path = ["repository"]
        guard let object = reader.object(value, at: path, named: "repository") else { return nil }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: "in repository")
        let url = reader.string(object, "url", at: path, named: "repository.url")
        if object["url"] == nil || object["url"]!.isNull {
            reader.report("repository.url is missing", at: path)
        } else if url?.isEmpty == true {
            reader.report("repository.url is empty", at: path + ["url"])
        }
        let interval = reader.duration(object, "interval", at: path, named: "repository.interval")
        var auth = RepositoryAuth()
        if let authValue = object["auth"], let authObject = reader.object(authValue, at: path + ["auth"], named: "repository.auth") {
            reader.rejectUnknownKeys(of: authObject, allowed: authKeys, at: path + ["auth"], context: "in repository.auth")
            auth.usernameEnv = reader.string(authObject, "usernameEnv", at: path + ["auth"], named: "repository.auth.usernameEnv")
            auth.passwordEnv = reader.string(authObject, "passwordEnv", at: path + ["auth"], named: "repository.auth.passwordEnv")
            auth.tokenEnv = reader.string(authObject, "tokenEnv", at: path + ["auth"], named: "repository.auth.tokenEnv")
            auth.sshKeyEnv = reader.string(authObject, "sshKeyEnv", at: path + ["auth"], named: "repository.auth.sshKeyEnv")
        }
        guard let url, !url.isEmpty else { return nil }
        return RepositoryConfiguration(url: url, interval: interval ?? defaultInterval, auth: auth)
    }
}

extension EnvironmentConfiguration {
    static let keys = [
        "ref", "path", "cluster", "namespace", "prune", "selfHeal", "healthTimeout", "hookTimeout", "requestTimeout", "timeout",
        "rollbackOnFailure", "allowEmpty", "revertInGit", "ignoreDifferences", "adopt", "adoptFrom", "render",
    ]
    static let clusterKeys = ["kubeconfig", "context"] + rateLimitKeys
    static let ignoreKeys = ["group", "kind", "name", "namespace", "jsonPointers"]

    /// Environment names become a label value and part of a ConfigMap name: a DNS label.
    static func isValidName(_ name: String) -> Bool {
        isValidDNSLabel(name, maxLength: 63 - "mooring-history-".count)
    }

    /// RFC 1123 label: what Kubernetes accepts as a namespace name.
    static func isValidDNSLabel(_ name: String, maxLength: Int = 63) -> Bool {
        guard !name.isEmpty, name.count <= maxLength, let first = name.first, let last = name.last,
              first.isLowercase || first.isNumber, last.isLowercase || last.isNumber
        else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    fileprivate static func read(name: String, _ value: JSON, with reader: inout ConfigurationReader) -> EnvironmentConfiguration? {
        let path = ["environments", name]
        let context = "in environment \"\(name)\""
        if !isValidName(name) {
            reader.report("environment name \"\(name)\" must be lowercase letters, digits and '-' (at most 47 characters)", at: path)
        }
        if value.isNull { return EnvironmentConfiguration(name: name) }
        guard let object = reader.object(value, at: path, named: "environment \"\(name)\"") else { return nil }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: context)

        var environment = EnvironmentConfiguration(name: name)
        let problemsBefore = reader.problems.count
        environment.ref = reader.string(object, "ref", at: path, named: "ref \(context)")
        if environment.ref?.isEmpty == true {
            reader.report("ref \(context) is empty: leave it out for the default branch", at: path + ["ref"])
        }
        if let folder = reader.string(object, "path", at: path, named: "path \(context)") {
            var cleaned = Substring(folder)
            while cleaned.hasPrefix("./") { cleaned = cleaned.dropFirst(2) }
            while cleaned.hasSuffix("/") { cleaned = cleaned.dropLast() }
            if folder.hasPrefix("/") || cleaned.split(separator: "/").contains("..") {
                reader.report("path \(context) must be a folder inside the repository, not \"\(folder)\"", at: path + ["path"])
            }
            environment.path = cleaned.isEmpty ? "." : String(cleaned)
        }
        if let namespace = reader.string(object, "namespace", at: path, named: "namespace \(context)") {
            if !isValidDNSLabel(namespace) {
                reader.report("namespace \"\(namespace)\" \(context) is not a valid namespace name (lowercase letters, digits and '-', at most 63)", at: path + ["namespace"])
            }
            environment.namespace = namespace
        }
        environment.prune = reader.bool(object, "prune", at: path, named: "prune \(context)") ?? false
        environment.selfHeal = reader.bool(object, "selfHeal", at: path, named: "selfHeal \(context)") ?? false
        environment.rollbackOnFailure = reader.bool(object, "rollbackOnFailure", at: path, named: "rollbackOnFailure \(context)") ?? false
        environment.allowEmpty = reader.bool(object, "allowEmpty", at: path, named: "allowEmpty \(context)") ?? false
        environment.revertInGit = reader.bool(object, "revertInGit", at: path, named: "revertInGit \(context)") ?? false
        environment.adopt = reader.bool(object, "adopt", at: path, named: "adopt \(context)") ?? false
        if let managers = object["adoptFrom"], !managers.isNull {
            environment.adoptFrom = readManagers(managers, at: path + ["adoptFrom"], context: context, with: &reader)
        }
        if let timeout = reader.duration(object, "healthTimeout", at: path, named: "healthTimeout \(context)") {
            environment.healthTimeout = timeout
        }
        if let timeout = reader.duration(object, "requestTimeout", at: path, named: "requestTimeout \(context)") {
            environment.requestTimeout = timeout
        }
        environment.timeout = reader.duration(object, "timeout", at: path, named: "timeout \(context)")
        environment.hookTimeout = reader.duration(object, "hookTimeout", at: path, named: "hookTimeout \(context)")
        if environment.revertInGit && !environment.rollbackOnFailure {
            reader.report("revertInGit needs rollbackOnFailure: true \(context)", at: path + ["revertInGit"])
        }
        environment.render = RenderMode.read(object, at: path, context: context, with: &reader)
        if let cluster = object["cluster"], !cluster.isNull {
            environment.cluster = readCluster(cluster, at: path + ["cluster"], context: context, with: &reader) ?? .local
            if let map = cluster.objectValue {
                environment.clientRateLimit = readRateLimit(map, at: path + ["cluster"], context: context, with: &reader)
            }
        }
        if let ignore = object["ignoreDifferences"], !ignore.isNull {
            environment.ignoreDifferences = readIgnoreDifferences(ignore, at: path + ["ignoreDifferences"], context: context, with: &reader)
        }
        return reader.problems.count == problemsBefore ? environment : nil
    }

    /// `adoptFrom: [flux-client-side-apply, argocd-controller]`: field manager names.
    private static func readManagers(_ value: JSON, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> [String] {
        guard let items = value.arrayValue else {
            reader.report("adoptFrom \(context) must be a list of field manager names, not \(value.typeName)", at: path)
            return []
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = item.stringValue, !name.isEmpty else {
                reader.report("adoptFrom \(context) must list field manager names, not \(item.serialized())", at: path + [String(index)])
                continue
            }
            names.append(name)
        }
        return names
    }

    private static func readCluster(_ value: JSON, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> ClusterTarget? {
        if let word = value.stringValue {
            if word == "local" { return .local }
            if word == "in-cluster" { return .inCluster }
            reader.report("unknown cluster \"\(word)\" \(context): use local, in-cluster, or a map with kubeconfig and context", at: path)
            return nil
        }
        guard let object = value.objectValue else {
            reader.report("cluster \(context) must be local, in-cluster or a map with kubeconfig and context, not \(value.typeName)", at: path)
            return nil
        }
        reader.rejectUnknownKeys(of: object, allowed: clusterKeys, at: path, context: "in the cluster \(context)")
        let kubeconfig = reader.string(object, "kubeconfig", at: path, named: "cluster.kubeconfig \(context)")
        let contextName = reader.string(object, "context", at: path, named: "cluster.context \(context)")
        return .kubeconfig(path: kubeconfig, context: contextName)
    }

    private static func readIgnoreDifferences(_ value: JSON, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> [IgnoreDifferenceRule] {
        guard let items = value.arrayValue else {
            reader.report("ignoreDifferences \(context) must be a list, not \(value.typeName)", at: path)
            return []
        }
        var rules: [IgnoreDifferenceRule] = []
        for (index, item) in items.enumerated() {
            let itemPath = path + [String(index)]
            guard let object = reader.object(item, at: itemPath, named: "ignoreDifferences entry \(index + 1) \(context)") else { continue }
            reader.rejectUnknownKeys(of: object, allowed: ignoreKeys, at: itemPath, context: "in ignoreDifferences \(context)")
            var rule = IgnoreDifferenceRule(jsonPointers: [])
            rule.group = reader.string(object, "group", at: itemPath, named: "ignoreDifferences group \(context)")
            rule.kind = reader.string(object, "kind", at: itemPath, named: "ignoreDifferences kind \(context)")
            rule.name = reader.string(object, "name", at: itemPath, named: "ignoreDifferences name \(context)")
            rule.namespace = reader.string(object, "namespace", at: itemPath, named: "ignoreDifferences namespace \(context)")
            let pointersPath = itemPath + ["jsonPointers"]
            guard let pointers = object["jsonPointers"]?.arrayValue, !pointers.isEmpty else {
                reader.report("ignoreDifferences entry \(index + 1) \(context) needs jsonPointers, a list such as [/spec/replicas]", at: object["jsonPointers"] == nil ? itemPath : pointersPath)
                continue
            }
            for (pointerIndex, pointer) in pointers.enumerated() {
                guard let text = pointer.stringValue, IgnoreDifferenceRule.tokens(of: text) != nil else {
                    reader.report("bad JSON pointer \(pointer.serialized()) in ignoreDifferences \(context): it must start with '/', e.g. /spec/replicas", at: pointersPath + [String(pointerIndex)])
                    continue
                }
                rule.jsonPointers.append(text)
            }
            rules.append(rule)
        }
        return rules
    }
}

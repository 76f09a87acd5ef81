import Manifests

/// The `server:` section of `mooring.yaml`: what `mooring run --listen` serves and how replicas
/// share environments.
///
/// ```yaml
/// server:
///   listen: 0.0.0.0:8080
///   webhooks:
///     github: {secretEnv: GITHUB_WEBHOOK_SECRET}
///     generic: {secretFile: /etc/mooring/webhooks/generic}
///   lease: {duration: 15s, renewDeadline: 10s, retryPeriod: 2s}
///   auth: {tokenEnv: MOORING_DASHBOARD_TOKEN, readOnly: true}
/// ```
///
/// The file names where a secret lives, never the secret, so it can be committed.
public struct ServerConfiguration: Sendable, Equatable {
    /// `HOST:PORT` to serve on; `nil` when only `--listen` gives it.
    public var listen: String?
    /// The providers that are served, each with where its secret is. A provider not listed is
    /// not served (404): an unsigned hook must never trigger anything.
    public var webhooks: [WebhookProvider: WebhookSecretSource]
    /// The per-environment Leases' timings (client-go's leader election), shared by replicas.
    public var lease: LeaseTiming
    /// Signing in to the dashboard (its actions).
    public var auth: ServerAuthConfiguration

    public init(listen: String? = nil, webhooks: [WebhookProvider: WebhookSecretSource] = [:], lease: LeaseTiming = LeaseTiming(),
                auth: ServerAuthConfiguration = ServerAuthConfiguration()) {
        self.listen = listen
        self.webhooks = webhooks
        self.lease = lease
        self.auth = auth
    }
}

/// The git hosts whose push events `/hooks/<provider>` understands.
public enum WebhookProvider: String, Sendable, CaseIterable, Hashable, Comparable {
    case github, gitlab, gitea, generic

    public static func < (lhs: WebhookProvider, rhs: WebhookProvider) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Where a webhook secret is read from when the server starts.
public enum WebhookSecretSource: Sendable, Equatable, CustomStringConvertible {
    /// An environment variable's name.
    case environment(String)
    /// A file's path (a mounted Secret); surrounding whitespace is dropped.
    case file(String)

    public var description: String {
        switch self {
        case .environment(let name): return "environment variable \(name)"
        case .file(let path): return "file \(path)"
        }
    }
}

extension ServerConfiguration {
    static let keys = ["listen", "webhooks", "lease", "auth"]
    static let secretKeys = ["secretEnv", "secretFile"]
    static let leaseKeys = ["duration", "renewDeadline", "retryPeriod"]
    /// client-go's JitterFactor: renewDeadline must exceed retryPeriod by this factor.
    static let jitterFactor = 1.2

    static func read(_ value: JSON, with reader: inout ConfigurationReader) -> ServerConfiguration? {
        let path = ["server"]
        if value.isNull { return ServerConfiguration() }
        guard let object = reader.object(value, at: path, named: "server") else { return nil }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: "in server")
        var server = ServerConfiguration()
        if let listen = reader.string(object, "listen", at: path, named: "server.listen") {
            if ListenAddress(listen) == nil {
                reader.report("server.listen \"\(listen)\" must be HOST:PORT, e.g. 0.0.0.0:8080 or [::1]:8080", at: path + ["listen"])
            }
            server.listen = listen
        }
        if let hooks = object["webhooks"], !hooks.isNull,
           let map = reader.object(hooks, at: path + ["webhooks"], named: "server.webhooks") {
            let names = WebhookProvider.allCases.map(\.rawValue)
            reader.rejectUnknownKeys(of: map, allowed: names, at: path + ["webhooks"], context: "in server.webhooks")
            for (name, body) in map {
                guard let provider = WebhookProvider(rawValue: name) else { continue }
                if let source = readSecret(body, at: path + ["webhooks", name], named: "server.webhooks.\(name)", with: &reader) {
                    server.webhooks[provider] = source
                }
            }
        }
        if let lease = object["lease"], !lease.isNull {
            server.lease = readLease(lease, at: path + ["lease"], with: &reader)
        }
        if let auth = object["auth"], !auth.isNull {
            server.auth = ServerAuthConfiguration.read(auth, at: path + ["auth"], with: &reader)
        }
        return server
    }

    private static func readSecret(_ value: JSON, at path: ConfigurationPath, named name: String,
                                   with reader: inout ConfigurationReader) -> WebhookSecretSource? {
        guard let object = reader.object(value, at: path, named: name) else { return nil }
        reader.rejectUnknownKeys(of: object, allowed: secretKeys, at: path, context: "in \(name)")
        let env = reader.string(object, "secretEnv", at: path, named: "\(name).secretEnv")
        let file = reader.string(object, "secretFile", at: path, named: "\(name).secretFile")
        if let env, let file, !env.isEmpty || !file.isEmpty {
            reader.report("\(name) takes secretEnv or secretFile, not both", at: path)
        } else if let env, !env.isEmpty {
            return .environment(env)
        } else if let file, !file.isEmpty {
            return .file(file)
        } else {
            reader.report("\(name) needs secretEnv (a variable's name) or secretFile (a file's path): a webhook is never served unsigned", at: path)
        }
        return nil
    }

    /// The timings, checked as client-go's `NewLeaderElector` checks them.
    private static func readLease(_ value: JSON, at path: ConfigurationPath, with reader: inout ConfigurationReader) -> LeaseTiming {
        var timings = LeaseTiming()
        guard let object = reader.object(value, at: path, named: "server.lease") else { return timings }
        reader.rejectUnknownKeys(of: object, allowed: leaseKeys, at: path, context: "in server.lease")
        let before = reader.problems.count
        if let duration = reader.duration(object, "duration", at: path, named: "server.lease.duration") { timings.duration = duration }
        if let deadline = reader.duration(object, "renewDeadline", at: path, named: "server.lease.renewDeadline") { timings.renewDeadline = deadline }
        if let retry = reader.duration(object, "retryPeriod", at: path, named: "server.lease.retryPeriod") { timings.retryPeriod = retry }
        guard reader.problems.count == before else { return timings }
        if timings.duration <= timings.renewDeadline {
            reader.report("server.lease.duration (\(GoDuration.format(timings.duration))) must be longer than renewDeadline (\(GoDuration.format(timings.renewDeadline)))", at: path)
        } else if timings.renewDeadline <= timings.retryPeriod * Self.jitterFactor {
            reader.report("server.lease.renewDeadline (\(GoDuration.format(timings.renewDeadline))) must be longer than \(Self.jitterFactor) × retryPeriod (\(GoDuration.format(timings.retryPeriod)))", at: path)
        }
        return timings
    }
}

/// `HOST:PORT` as `--listen` and `server.listen` take it: `0.0.0.0:8080`, `127.0.0.1:0`,
/// `[::1]:8080`, `localhost:8080`.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        else if host.contains(":") { return nil }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

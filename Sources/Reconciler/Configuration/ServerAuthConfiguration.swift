import Manifests

/// `server.auth`: who may act on the dashboard of `mooring run --listen`.
///
/// ```yaml
/// server:
///   auth:
///     tokenEnv: MOORING_DASHBOARD_TOKEN   # or tokenFile: /etc/mooring/dashboard/token (a mounted Secret)
///     readOnly: true                      # pages readable without signing in (the default);
///                                         # false requires signing in for every page and the API
/// ```
///
/// Without a token nobody can sign in, so the dashboard offers no actions. The file names where
/// the token lives, never the token.
public struct ServerAuthConfiguration: Sendable, Equatable {
    /// Where the sign-in token is read from; `nil`: sign-in is off.
    public var token: WebhookSecretSource?
    /// Whether pages and the JSON API are served to anyone (`true`), or only once signed in.
    public var readOnly: Bool

    public init(token: WebhookSecretSource? = nil, readOnly: Bool = true) {
        self.token = token
        self.readOnly = readOnly
    }

    static let keys = ["tokenEnv", "tokenFile", "readOnly"]

    static func read(_ value: JSON, at path: ConfigurationPath, with reader: inout ConfigurationReader) -> ServerAuthConfiguration {
        var auth = ServerAuthConfiguration()
        guard let object = reader.object(value, at: path, named: "server.auth") else { return auth }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: "in server.auth")
        let env = reader.string(object, "tokenEnv", at: path, named: "server.auth.tokenEnv")
        let file = reader.string(object, "tokenFile", at: path, named: "server.auth.tokenFile")
        if let env, !env.isEmpty, let file, !file.isEmpty {
            reader.report("server.auth takes tokenEnv or tokenFile, not both", at: path)
        } else if let env, !env.isEmpty {
            auth.token = .environment(env)
        } else if let file, !file.isEmpty {
            auth.token = .file(file)
        }
        if let readOnly = reader.bool(object, "readOnly", at: path, named: "server.auth.readOnly") { auth.readOnly = readOnly }
        if !auth.readOnly && auth.token == nil {
            reader.report("server.auth.readOnly: false requires signing in, which needs tokenEnv or tokenFile", at: path)
        }
        return auth
    }
}

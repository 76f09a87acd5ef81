import Foundation
import HTTPTypes
import Hummingbird
import Reconciler

/// Who may do what on the dashboard (`server.auth`): sign-in with the configured token, the
/// session cookie, CSRF checks on every POST, and whether pages need signing in.
///
/// The cookie is `HttpOnly` (no script reads it), `SameSite=Strict` (no other site's page sends
/// it) and `Secure` when the request came over TLS (directly, or through a proxy that says so in
/// `X-Forwarded-Proto`).
public struct DashboardAuth: Sendable {
    public static let cookieName = "mooring_session"

    /// The sign-in token; `nil` when sign-in is off (no actions for anyone).
    let token: String?
    /// Pages and the API served to anyone (`true`), or only once signed in.
    public let readOnly: Bool
    public let sessions: SessionStore

    public init(token: String?, readOnly: Bool = true, sessions: SessionStore = SessionStore()) {
        self.token = token
        self.readOnly = readOnly
        self.sessions = sessions
    }

    /// From the configuration: the token read from its variable or file now (an error names where
    /// it looked, never the value).
    public static func load(_ configuration: ServerAuthConfiguration,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DashboardAuth {
        guard let source = configuration.token else { return DashboardAuth(token: nil, readOnly: configuration.readOnly) }
        switch WebhookSecret.read(source, environment: environment) {
        case .success(let token): return DashboardAuth(token: token, readOnly: configuration.readOnly)
        case .failure(let reason): throw DashboardAuthError(description: "dashboard sign-in token: \(source) \(reason.text)")
        }
    }

    public var signInAvailable: Bool { token != nil }

    /// Whether `candidate` is the token (constant time).
    func accepts(_ candidate: String) -> Bool {
        guard let token else { return false }
        return SessionStore.constantTimeEqual(candidate, token)
    }

    /// The request's session, if its cookie names a live one.
    func session(of request: Request) -> SessionStore.Session? {
        sessions.session(request.cookies[Self.cookieName]?.value)
    }

    /// The cookie that carries `session`.
    func cookie(for session: SessionStore.Session, request: Request) -> Cookie {
        Cookie(name: Self.cookieName, value: session.id, maxAge: Int(sessions.lifetime), path: "/",
               secure: Self.isSecure(request), httpOnly: true, sameSite: .strict)
    }

    static func isSecure(_ request: Request) -> Bool {
        request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    func view(_ session: SessionStore.Session?) -> SessionView {
        SessionView(user: session?.user, csrf: session?.csrf ?? "", signInAvailable: signInAvailable,
                    canAct: signInAvailable && session?.user != nil)
    }
}

public struct DashboardAuthError: Error, CustomStringConvertible {
    public var description: String
}

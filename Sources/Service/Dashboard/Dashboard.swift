import Foundation
import Hummingbird
import HTTPTypes
import Manifests

/// The web dashboard of `mooring run --listen`: pages at `/`, the JSON API at `/api/v1/`, live
/// events at `/events`, sign-in and actions. It reads the board the reconcile loop keeps up to
/// date, and git or the cluster (through `reader`) only for what a page asks beyond it.
public struct Dashboard: Sendable {
    public let board: DashboardBoard
    public let reader: any DashboardReader
    public let auth: DashboardAuth
    /// What signed-in users may do; `nil` serves the pages read-only.
    public let actions: (any DashboardActions)?
    /// How often an idle `/events` stream gets a comment line: proxies keep it open, and a
    /// client gone is noticed (its stream ends) within this time.
    public var keepAlive: Duration = .seconds(15)

    public init(board: DashboardBoard, reader: any DashboardReader, auth: DashboardAuth, actions: (any DashboardActions)? = nil) {
        self.board = board
        self.reader = reader
        self.auth = auth
        self.actions = actions
    }

    /// Every part of it, for `ServiceServer`'s providers.
    public var routeProviders: [any RouteProvider] {
        [DashboardPageRoutes(dashboard: self), DashboardAPIRoutes(dashboard: self), EventStreamRoutes(dashboard: self),
         SignInRoutes(dashboard: self), ActionRoutes(dashboard: self)]
    }

    /// The session of a page request (a new anonymous one when it has none) and the cookie to
    /// set when it is new; `nil` session view when the page needs signing in first.
    func pageSession(_ request: Request) -> (session: SessionStore.Session, newCookie: Cookie?) {
        if let session = auth.session(of: request) { return (session, nil) }
        let session = auth.sessions.create()
        return (session, auth.cookie(for: session, request: request))
    }

    /// Whether a reader must sign in before seeing pages and data (`server.auth.readOnly: false`).
    func mustSignIn(_ session: SessionStore.Session?) -> Bool {
        !auth.readOnly && session?.user == nil
    }
}

extension Response {
    /// Headers every dashboard answer carries: nothing but Mooring's own script and styles run,
    /// no framing, no sniffing, no caching of pages that may show who is signed in.
    static let dashboardSecurityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        .cacheControl: "no-store",
    ]

    static func html(_ body: String, cookie: Cookie? = nil) -> Response { html(.ok, body, cookie: cookie) }

    static func html(_ status: HTTPResponse.Status, _ body: String, cookie: Cookie? = nil) -> Response {
        var headers = dashboardSecurityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        var response = Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        if let cookie { response.setCookie(cookie) }
        return response
    }

    static func json(_ value: JSON) -> Response { json(.ok, value) }

    static func json(_ status: HTTPResponse.Status, _ value: JSON) -> Response {
        var headers = dashboardSecurityHeaders
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: value.prettyPrinted() + "\n")))
    }

    /// A 303 to `location` (after a form's POST: the browser GETs the result).
    static func seeOther(_ location: String, cookie: Cookie? = nil) -> Response {
        var headers = dashboardSecurityHeaders
        headers[.location] = location
        var response = Response(status: .seeOther, headers: headers)
        if let cookie { response.setCookie(cookie) }
        return response
    }
}

extension DashboardError {
    var status: HTTPResponse.Status {
        switch self {
        case .notFound: return .notFound
        case .badRequest: return .badRequest
        case .unavailable: return .serviceUnavailable
        case .forbidden: return .forbidden
        }
    }
}

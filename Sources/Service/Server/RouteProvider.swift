import Hummingbird

/// The request context every route of the service sees.
public typealias ServiceRequestContext = BasicRequestContext

/// One part of the HTTP service (health, metrics, webhooks; later the dashboard, JSON API and
/// events) adds its routes to the shared router. The server is the list of its providers, so a
/// new part is a new type, not an edit of the others.
public protocol RouteProvider: Sendable {
    func addRoutes(to router: Router<ServiceRequestContext>)
}

extension Response {
    /// A `text/plain` answer: what probes, curl and people read.
    static func text(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: body.hasSuffix("\n") ? body : body + "\n")))
    }
}

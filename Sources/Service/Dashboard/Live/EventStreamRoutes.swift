import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// `GET /events`: the dashboard's events as Server-Sent Events (`text/event-stream`), one
/// stream per client, with a comment line every `Dashboard.keepAlive` so proxies keep it open. Browsers'
/// `EventSource` reconnects by itself after the `retry` it is told.
struct EventStreamRoutes: RouteProvider {
    let dashboard: Dashboard

    func addRoutes(to router: Router<ServiceRequestContext>) {
        let dashboard = self.dashboard
        let keepAlive = dashboard.keepAlive
        router.get("/events") { request, _ in
            if dashboard.mustSignIn(dashboard.auth.session(of: request)) {
                throw HTTPError(.unauthorized, message: "sign in first")
            }
            var headers = Response.dashboardSecurityHeaders
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
            let hub = dashboard.board.events
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                let (id, messages) = hub.subscribe()
                defer { hub.cancel(id) }
                try await writer.write(ByteBuffer(string: "retry: 2000\n: connected\n\n"))
                // Keep-alives come through the same stream as the events, so one loop writes.
                let ticker = Task {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: keepAlive)
                        hub.ping(id)
                    }
                }
                defer { ticker.cancel() }
                // A graceful shutdown ends the stream, so an open page never holds the server up.
                try await withGracefulShutdownHandler {
                    for await message in messages {
                        try await writer.write(ByteBuffer(string: message.text))
                    }
                } onGracefulShutdown: {
                    hub.cancel(id)
                }
                try await writer.finish(nil)
            })
        }
    }
}

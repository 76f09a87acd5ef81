import Foundation
import HTTPTypes
import Hummingbird
import Manifests
import Reconciler
import Reports

/// The dashboard's pages: `/`, `/environments/{name}`, its objects and history entries,
/// `/preview`, and the two assets every page loads.
struct DashboardPageRoutes: RouteProvider {
    let dashboard: Dashboard

    func addRoutes(to router: Router<ServiceRequestContext>) {
        let dashboard = self.dashboard
        router.get("/") { request, _ in
            page(request, title: "Environments", live: "*") { _ in OverviewPage(snapshots: dashboard.board.snapshots()).render() }
        }
        router.get("/environments/:name") { request, context in
            let name = context.parameters.get("name") ?? ""
            return page(request, title: name, live: name) { session in
                EnvironmentPage(snapshot: try snapshot(name), session: session).render()
            }
        }
        router.get("/environments/:name/object") { request, context in
            let name = context.parameters.get("name") ?? ""
            let identity = try objectIdentity(request)
            // Events are read before the page is made; a failure to read them is shown, not fatal.
            var events: [JSON]?
            var eventsError: String?
            do { events = try await dashboard.reader.events(about: identity, in: name, limit: 20) } catch { eventsError = "\(error)" }
            return page(request, title: identity.description, live: name) { _ in
                let snapshot = try snapshot(name)
                guard let object = snapshot.outcome?.diff.object(identity) else {
                    throw DashboardError.notFound("\(identity) is not an object of \(name)")
                }
                return ObjectPage(environment: name, object: object, report: snapshot.report?.objects.first { $0.identity == identity },
                                  health: snapshot.health(of: identity), events: events, eventsError: eventsError).render()
            }
        }
        router.get("/environments/:name/history/:id") { request, context in
            let name = context.parameters.get("name") ?? ""
            guard let id = context.parameters.get("id", as: Int.self) else { throw HTTPError(.notFound) }
            let read: Result<(History, [String: CommitInfo]), Error>
            do { read = .success(try await dashboard.reader.history(of: name)) } catch { read = .failure(error) }
            return page(request, title: "\(name) #\(id)", live: nil) { _ in
                let (history, commits) = try read.get()
                guard let report = Report(history: history, operation: id, commits: commits) else {
                    throw DashboardError.notFound("no operation #\(id) in the history of \(name) (only the last \(History.limit) are kept)")
                }
                return "<p><a href=\"/environments/\(q(name))#op-\(id)\">← \(h(name))</a></p><h1>\(h(report.title))</h1>"
                    + "<div class=\"report\">" + report.environments.map { HTMLRenderer().render($0) }.joined() + "</div>"
            }
        }
        router.get("/preview") { request, _ in
            let query = request.uri.queryParameters
            var preview = PreviewPage(environments: dashboard.board.names, environment: query.get("environment"),
                                      revision: query.get("revision").flatMap { $0.isEmpty ? nil : $0 },
                                      from: query.get("from"), to: query.get("to"), session: .anonymous)
            if dashboard.mustSignIn(dashboard.auth.session(of: request)) { return Response.seeOther("/login") }
            if let from = preview.from, let to = preview.to {
                preview.result = await answer { try await dashboard.reader.promotionPreview(from: from, to: to) }
            } else if let environment = preview.environment, query.get("revision") != nil {
                preview.result = await answer {
                    Report(kind: .diff, environments: [try await dashboard.reader.preview(environment, revision: preview.revision)])
                }
            }
            return page(request, title: "Preview", live: nil) { session in
                preview.session = session
                return preview.render()
            }
        }
        router.get("/assets/dashboard.css") { _, _ in asset(DashboardAssets.css, type: "text/css; charset=utf-8") }
        router.get("/assets/dashboard.js") { _, _ in asset(DashboardAssets.javaScript, type: "text/javascript; charset=utf-8") }

        /// A page in the shared frame, for the request's session (made when it has none); a
        /// `DashboardError` becomes its status with the message in the frame.
        @Sendable func page(_ request: Request, title: String, live: String?, _ body: (SessionView) throws -> String) -> Response {
            let (session, cookie) = dashboard.pageSession(request)
            if dashboard.mustSignIn(session) { return Response.seeOther("/login", cookie: cookie) }
            let view = dashboard.auth.view(session)
            do {
                let started = ContinuousClock.now
                var response = Response.html(PageLayout(title: title, session: view, live: live).render(try body(view)), cookie: cookie)
                response.headers[HTTPField.Name("Server-Timing")!] = ServerTiming.header(since: started)
                return response
            } catch let error as DashboardError {
                let main = "<h1>\(h(title))</h1><p class=\"notice bad\" role=\"alert\">\(h(error.description))</p><p><a href=\"/\">Environments</a></p>"
                return Response.html(error.status, PageLayout(title: title, session: view, live: nil).render(main), cookie: cookie)
            } catch {
                let main = "<h1>\(h(title))</h1><p class=\"notice bad\" role=\"alert\">\(h("\(error)"))</p>"
                return Response.html(.internalServerError, PageLayout(title: title, session: view, live: nil).render(main), cookie: cookie)
            }
        }

        @Sendable func snapshot(_ name: String) throws -> EnvironmentSnapshot {
            guard let snapshot = dashboard.board.snapshot(name) else { throw DashboardError.notFound("no environment \"\(name)\"") }
            return snapshot
        }
    }
}

/// A preview's answer, any failure as a `DashboardError` the page shows.
func answer(_ body: () async throws -> Report) async -> Result<Report, DashboardError> {
    do { return .success(try await body()) } catch let error as DashboardError { return .failure(error) } catch {
        return .failure(.badRequest("\(error)"))
    }
}

/// The object a request's query names (`group`, `kind`, `namespace`, `name`).
func objectIdentity(_ request: Request) throws -> ObjectIdentity {
    let query = request.uri.queryParameters
    guard let kind = query.get("kind"), !kind.isEmpty, let name = query.get("name"), !name.isEmpty else {
        throw HTTPError(.badRequest, message: "an object needs kind and name (and group, namespace)")
    }
    let group = query.get("group") ?? ""
    return ObjectIdentity(type: GroupVersionKind(apiVersion: group.isEmpty ? "v1" : "\(group)/v1", kind: kind),
                          namespace: query.get("namespace"), name: name)
}

private func asset(_ text: String, type: String) -> Response {
    var headers = Response.dashboardSecurityHeaders
    headers[.contentType] = type
    headers[.cacheControl] = "public, max-age=300"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
}

/// `Server-Timing: render;dur=1.234`: how long the page took to make, in milliseconds, for the
/// browser's developer tools and the dashboard benchmark (Benchmarks/dashboard-overview.sh).
enum ServerTiming {
    static func header(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "render;dur=\(String(format: "%.3f", milliseconds))"
    }
}

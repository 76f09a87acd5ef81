import Foundation
import Hummingbird
import Manifests
import Reconciler
import Reports

/// The JSON API behind the pages (shapes in `SnapshotJSON`):
///
/// - `GET /api/v1/environments`: every environment's summary;
/// - `GET /api/v1/environments/{name}`: one, with its live-against-revision report and recent history;
/// - `GET /api/v1/environments/{name}/history`: the history as recorded in the cluster (as `mooring history --format json`);
/// - `GET /api/v1/environments/{name}/diff?revision=REF`: a preview (as `mooring diff --format json`).
///
/// With `server.auth.readOnly: false` each needs the session cookie of a signed-in user (else 401).
struct DashboardAPIRoutes: RouteProvider {
    let dashboard: Dashboard

    func addRoutes(to router: Router<ServiceRequestContext>) {
        let dashboard = self.dashboard
        let api = router.group("api/v1")
        api.get("environments") { request, _ in
            try allowed(request)
            return Response.json(SnapshotJSON.list(dashboard.board.snapshots()))
        }
        api.get("environments/:name") { request, context in
            try allowed(request)
            return Response.json(SnapshotJSON.detail(try snapshot(context)))
        }
        api.get("environments/:name/history") { request, context in
            try allowed(request)
            let name = try snapshot(context).name
            return try await answer {
                let (history, commits) = try await dashboard.reader.history(of: name)
                return JSONReportEncoder().encode(HistoryReport(history: history, commits: commits))
            }
        }
        api.get("environments/:name/diff") { request, context in
            try allowed(request)
            let name = try snapshot(context).name
            let revision = request.uri.queryParameters.get("revision").flatMap { $0.isEmpty ? nil : $0 }
            return try await answer {
                JSONReportEncoder().encode(Report(kind: .diff, environments: [try await dashboard.reader.preview(name, revision: revision)]))
            }
        }

        @Sendable func allowed(_ request: Request) throws {
            if dashboard.mustSignIn(dashboard.auth.session(of: request)) {
                throw HTTPError(.unauthorized, message: "sign in first: this server's dashboard is not read-only")
            }
        }

        @Sendable func snapshot(_ context: ServiceRequestContext) throws -> EnvironmentSnapshot {
            let name = context.parameters.get("name") ?? ""
            guard let snapshot = dashboard.board.snapshot(name) else {
                throw HTTPError(.notFound, message: "no environment \"\(name)\"")
            }
            return snapshot
        }

        /// A read of git or the cluster; its failure is a JSON `Status` with the one-line reason.
        @Sendable func answer(_ body: () async throws -> JSON) async throws -> Response {
            do {
                return Response.json(try await body())
            } catch let error as DashboardError {
                return Response.json(error.status, SnapshotJSON.error(error.description))
            } catch {
                return Response.json(.badGateway, SnapshotJSON.error("\(error)"))
            }
        }
    }
}

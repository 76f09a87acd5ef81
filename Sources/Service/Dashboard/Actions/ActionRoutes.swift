import Foundation
import Hummingbird
import Logging

/// `POST /environments/{name}/sync`, `POST /environments/{name}/rollback` (`revision`) and
/// `POST /promote` (`from`, `to`): each only for a signed-in session, with its CSRF token, on a
/// server whose sign-in is configured. The action runs in the background: the answer is a
/// redirect to the environment's page, which follows it through `/events`.
struct ActionRoutes: RouteProvider {
    let dashboard: Dashboard

    struct ActionForm: Decodable {
        var csrf: String?
        var revision: String?
        var from: String?
        var to: String?
    }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        let dashboard = self.dashboard
        router.post("/environments/:name/sync") { request, context in
            let name = context.parameters.get("name") ?? ""
            return try await act(request, environment: name) { actions, form, user in
                try await actions.sync(name, by: user)
            }
        }
        router.post("/environments/:name/rollback") { request, context in
            let name = context.parameters.get("name") ?? ""
            return try await act(request, environment: name) { actions, form, user in
                guard let revision = form.revision, !revision.isEmpty else { throw DashboardError.badRequest("a rollback needs the revision to return to") }
                return try await actions.rollBack(name, to: revision, by: user)
            }
        }
        router.post("/promote") { request, _ in
            let form = try await FormBody.decode(ActionForm.self, from: request)
            let target = form.to ?? ""
            return try await act(request, environment: target, form: form) { actions, form, user in
                guard let from = form.from, dashboard.board.snapshot(from) != nil else { throw DashboardError.badRequest("no environment to promote from") }
                return try await actions.promote(from: from, to: target, by: user)
            }
        }

        /// Checks who asks and the form, then starts `work` and redirects to the environment.
        @Sendable func act(_ request: Request, environment: String, form: ActionForm? = nil,
                           _ work: @escaping @Sendable (any DashboardActions, ActionForm, String) async throws -> String) async throws -> Response {
            let form = if let form { form } else { try await FormBody.decode(ActionForm.self, from: request) }
            guard let session = dashboard.auth.session(of: request), FormBody.csrfMatches(form.csrf, session) else {
                return FormBody.refused(reason: "the form's CSRF token is missing or stale: reload the page and try again")
            }
            guard let user = session.user else { return FormBody.refused(reason: "sign in to act on environments") }
            guard let actions = dashboard.actions else { return FormBody.refused(reason: "this server offers no actions") }
            guard dashboard.board.snapshot(environment) != nil else { throw HTTPError(.notFound, message: "no environment \"\(environment)\"") }
            let board = dashboard.board
            board.events.publish(DashboardEvent(.actionTaken, environment: environment, ["by": .string(user), "state": "started"]))
            Task {
                do {
                    let message = try await work(actions, form, user)
                    board.note(environment, "\(message) (by \(user))")
                    board.events.publish(DashboardEvent(.actionTaken, environment: environment, [
                        "by": .string(user), "state": "finished", "message": .string(message),
                    ]))
                } catch {
                    board.note(environment, "Action by \(user) failed: \(error)")
                    board.events.publish(DashboardEvent(.actionTaken, environment: environment, [
                        "by": .string(user), "state": "failed", "message": .string("\(error)"),
                    ]))
                }
            }
            return Response.seeOther("/environments/\(q(environment))")
        }
    }
}

import Foundation
import Hummingbird

/// `GET /login` (the form), `POST /login` (the token and a name to record actions under),
/// `POST /logout`. Every POST carries its session's CSRF token.
struct SignInRoutes: RouteProvider {
    let dashboard: Dashboard
    /// A wrong token waits this long before the answer: guessing stays slow.
    static let failureDelay: Duration = .milliseconds(500)

    struct SignInForm: Decodable {
        var csrf: String?
        var name: String?
        var token: String?
    }

    func addRoutes(to router: Router<ServiceRequestContext>) {
        let dashboard = self.dashboard
        router.get("/login") { request, _ in
            let (session, cookie) = dashboard.pageSession(request)
            return Response.html(signInPage(session, error: nil), cookie: cookie)
        }
        router.post("/login") { request, _ in
            let form = try await FormBody.decode(SignInForm.self, from: request)
            guard let session = dashboard.auth.session(of: request), FormBody.csrfMatches(form.csrf, session) else {
                return FormBody.refused(reason: "the form's CSRF token is missing or stale: reload the page and try again")
            }
            guard dashboard.auth.signInAvailable else {
                return Response.html(.forbidden, signInPage(session, error: "Sign-in is not configured on this server (server.auth.tokenEnv)."))
            }
            let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
            guard SignInName.isValid(name) else {
                return Response.html(.badRequest, signInPage(session, error: "Give a name of 1–64 letters, digits, spaces or . _ @ - to record your actions under."))
            }
            guard dashboard.auth.accepts(form.token ?? "") else {
                try? await Task.sleep(for: Self.failureDelay)
                return Response.html(.unauthorized, signInPage(session, error: "That token is not the one configured."))
            }
            // A fresh id on signing in: a session id seen before signing in is worth nothing after.
            dashboard.auth.sessions.end(session.id)
            let signedIn = dashboard.auth.sessions.create(user: name)
            return Response.seeOther("/", cookie: dashboard.auth.cookie(for: signedIn, request: request))
        }
        router.post("/logout") { request, _ in
            let form = try await FormBody.decode(SignInForm.self, from: request)
            guard let session = dashboard.auth.session(of: request), FormBody.csrfMatches(form.csrf, session) else {
                return FormBody.refused(reason: "the form's CSRF token is missing or stale")
            }
            dashboard.auth.sessions.end(session.id)
            return Response.seeOther("/")
        }

        @Sendable func signInPage(_ session: SessionStore.Session, error: String?) -> String {
            let view = dashboard.auth.view(session)
            var main = "<h1>Sign in</h1>"
            if let error { main += "<p class=\"notice bad\" role=\"alert\">\(h(error))</p>" }
            if !dashboard.auth.signInAvailable {
                main += "<p>Sign-in is off: set <code>server.auth.tokenEnv</code> (or <code>tokenFile</code>) in mooring.yaml to allow actions.</p>"
            }
            main += """
                <form class="stack" method="post" action="/login">\(view.csrfField)
                <label for="name">Your name (recorded with your actions)</label>
                <input id="name" name="name" required maxlength="64" autocomplete="username">
                <label for="token">Token</label>
                <input id="token" name="token" type="password" required autocomplete="current-password">
                <button type="submit" class="primary">Sign in</button>
                </form>
                """
            return PageLayout(title: "Sign in", session: view, live: nil).render(main)
        }
    }
}

/// The name a signed-in user's actions are recorded under.
enum SignInName {
    static func isValid(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) || " ._@-".unicodeScalars.contains(scalar)
        }
    }
}

/// Reading a form's body and checking its CSRF token.
enum FormBody {
    static let limit = 64 * 1024

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: limit)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "the form could not be read")
        }
    }

    static func csrfMatches(_ token: String?, _ session: SessionStore.Session) -> Bool {
        guard let token, !token.isEmpty else { return false }
        return SessionStore.constantTimeEqual(token, session.csrf)
    }

    /// 403 with the reason, as a page.
    static func refused(reason: String) -> Response {
        let main = "<h1>Refused</h1><p class=\"notice bad\" role=\"alert\">\(h(reason))</p><p><a href=\"/\">Environments</a></p>"
        return Response.html(.forbidden, PageLayout(title: "Refused", session: .anonymous, live: nil).render(main))
    }
}

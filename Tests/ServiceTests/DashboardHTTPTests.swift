import Foundation
import Manifests
import Reconciler
import Testing
import TestSupport
@testable import Service

/// The dashboard's routes over real HTTP (curl on loopback): sign-in, CSRF, the cookie's
/// attributes, read-only servers, headers, the JSON API and the event stream.
@Suite struct DashboardHTTPTests {
    static let token = "dashboard-token-for-tests"

    func start(readOnly: Bool = true, token: String? = token) async throws -> (RunningServer, Dashboard) {
        let environments = [EnvironmentConfiguration(name: "develop", ref: "main"), EnvironmentConfiguration(name: "<b>master</b>", ref: "main")]
        let board = DashboardBoard(environments: environments)
        let reader = ReconcilerDashboardReader(reconcilers: [], source: UnusedSource(), promoter: nil)
        var dashboard = Dashboard(board: board, reader: reader, auth: DashboardAuth(token: token, readOnly: readOnly))
        dashboard.keepAlive = .milliseconds(500)
        return (try await RunningServer.start(dashboard.routeProviders), dashboard)
    }

    /// curl with a cookie jar: status, headers and body.
    struct Browser {
        let server: RunningServer
        let jar = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-jar-\(UUID().uuidString)").path

        func send(_ method: String, _ path: String, form: String? = nil, headers: [String] = []) async throws -> (status: Int, headers: String, body: String) {
            let head = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-head-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: head) }
            var arguments = ["-s", "-X", method, "-b", jar, "-c", jar, "-D", head, "-w", "\n%{http_code}", server.base + path]
            for header in headers { arguments += ["-H", header] }
            if let form { arguments += ["--data-raw", form, "-H", "Content-Type: application/x-www-form-urlencoded"] }
            let result = try await Command.run("curl", arguments, environment: [:], input: nil)
            let headerText = (try? String(contentsOfFile: head, encoding: .utf8)) ?? ""
            return (result.httpStatus, headerText, result.httpBody)
        }

        /// The CSRF token the page's forms carry.
        func csrf(on path: String) async throws -> String {
            let page = try await send("GET", path).body
            guard let range = page.range(of: #"name="csrf" value="([0-9a-f]+)""#, options: .regularExpression) else { return "" }
            return String(page[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }
    }

    @Test func signInNeedsTheTokenAndEveryPostItsCSRFToken() async throws {
        let (server, _) = try await start()
        defer { Task { await server.stop() } }
        let browser = Browser(server: server)
        let overview = try await browser.send("GET", "/")
        #expect(overview.status == 200)
        #expect(overview.headers.lowercased().contains("content-security-policy: default-src 'none'; script-src 'self'"))
        #expect(overview.body.contains("&lt;b&gt;master&lt;/b&gt;") && !overview.body.contains("<b>master</b>"))
        let cookie = overview.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: mooring_session=") } ?? ""
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"), "\(cookie)")

        var csrf = try await browser.csrf(on: "/login")
        #expect(csrf.count == 64)
        // No token in the form, a wrong token, a wrong sign-in token: refused; nothing signed in.
        #expect(try await browser.send("POST", "/login", form: "name=Ada&token=\(Self.token)").status == 403)
        #expect(try await browser.send("POST", "/login", form: "csrf=\(String(repeating: "0", count: 64))&name=Ada&token=\(Self.token)").status == 403)
        #expect(try await browser.send("POST", "/login", form: "csrf=\(csrf)&name=Ada&token=guessed").status == 401)
        #expect(try await browser.send("POST", "/environments/develop/sync", form: "csrf=\(csrf)").status == 403)

        let signedIn = try await browser.send("POST", "/login", form: "csrf=\(csrf)&name=Ada%20Lovelace&token=\(Self.token)")
        #expect(signedIn.status == 303)
        let page = try await browser.send("GET", "/environments/develop").body
        #expect(page.contains("Signed in as <strong>Ada Lovelace</strong>"))
        // A new session on signing in: the old CSRF token is stale.
        #expect(try await browser.send("POST", "/environments/develop/sync", form: "csrf=\(csrf)").status == 403)
        csrf = try await browser.csrf(on: "/environments/develop")
        #expect(try await browser.send("POST", "/environments/develop/sync", form: "").status == 403)
        // This server offers no actions (no loop): refused even with the token, after the checks.
        #expect(try await browser.send("POST", "/environments/develop/sync", form: "csrf=\(csrf)").status == 403)

        // Behind a TLS proxy the cookie is Secure.
        let proxied = try await Browser(server: server).send("GET", "/", headers: ["X-Forwarded-Proto: https"])
        #expect(proxied.headers.contains("Secure"))
    }

    @Test func aServerThatIsNotReadOnlyShowsNothingBeforeSignIn() async throws {
        let (server, _) = try await start(readOnly: false)
        defer { Task { await server.stop() } }
        let browser = Browser(server: server)
        let overview = try await browser.send("GET", "/")
        #expect(overview.status == 303 && overview.headers.contains("location: /login") || overview.headers.contains("Location: /login"))
        #expect(try await browser.send("GET", "/api/v1/environments").status == 401)
        #expect(try await browser.send("GET", "/environments/develop").status == 303)
        #expect(try await browser.send("GET", "/login").status == 200)
    }

    @Test func theAPIListsEnvironmentsAndTheStreamCarriesEvents() async throws {
        let (server, dashboard) = try await start()
        defer { Task { await server.stop() } }
        let list = try await Browser(server: server).send("GET", "/api/v1/environments")
        #expect(list.status == 200 && list.headers.lowercased().contains("content-type: application/json"))
        let json = try JSON(parsing: list.body)
        #expect(json["environments"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["develop", "<b>master</b>"])
        #expect(json["environments"]?[0]?["sync"]?.stringValue == "Unknown")
        #expect(try await Browser(server: server).send("GET", "/api/v1/environments/nope").status == 404)

        // curl reads the stream for a few seconds while events are published.
        let reading = Task { try await Command.run("curl", ["-s", "-N", "--max-time", "4", server.base + "/events"], environment: [:], input: nil) }
        #expect(try await eventually { dashboard.board.events.count == 1 }, "no stream opened")
        dashboard.board.started(["develop"], reason: "webhook")
        let streamed = try await reading.value.stdout
        #expect(streamed.contains("retry: 2000"))
        #expect(streamed.contains("event: reconcile-started\ndata: {\"reason\":\"webhook\",\"environment\":\"develop\"}\n\n"), "\(streamed)")
        #expect(try await eventually { dashboard.board.events.count == 0 }, "the stream was not closed")
    }
}

/// A config source for servers that never read git in these tests.
struct UnusedSource: ConfigSource {
    struct Unused: Error {}
    func fetch() async throws { throw Unused() }
    func resolve(_ ref: String?) async throws -> String { throw Unused() }
    func render(revision: String, path: String) async throws -> RenderedEnvironment { throw Unused() }
    func describe(revision: String, path: String) async throws -> RevisionFacts { throw Unused() }
}

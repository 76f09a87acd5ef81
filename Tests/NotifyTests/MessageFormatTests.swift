import Crypto
import Foundation
import Manifests
import Testing
@testable import Notify
import Reconciler

/// Each type's payload against its service's documented format and limits, for an ordinary
/// event and for one far past every limit (cut, with a note, never refused).
@Suite struct MessageFormatTests {
    static let links = LinkTemplates(commit: try! NotificationTemplate("https://github.com/acme/config/commit/{{revision}}", escaping: .none),
                                     dashboard: try! NotificationTemplate("https://mooring.example.com/{{environment}}", escaping: .none))

    func event(_ kind: NotificationEventKind = .syncFailed, _ outcome: ReconcileOutcome = Outcomes.autoRolledBack()) -> NotificationEvent {
        NotificationEvent(.init(kind, aboutAutoRollback: kind == .autoRollback), outcome: outcome, links: Self.links,
                          scrubber: SecretScrubber(outcome), time: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// A Degraded sync of 60 broken objects with 5000-character messages and a long subject.
    func hugeEvent() -> NotificationEvent {
        var outcome = Outcomes.autoRolledBack()
        let entries = (0..<60).map { index in
            EnvironmentHealth.Entry(identity: ObjectIdentity(type: GroupVersionKind(group: "apps", version: "v1", kind: "Deployment"),
                                                             namespace: "web", name: "app-\(index)-" + String(repeating: "x", count: 200)),
                                    health: HealthAssessment(.degraded, String(repeating: "<crash & burn> ", count: 350)))
        }
        outcome.changeSet?.health = EnvironmentHealth(entries: entries)
        outcome.commits[Outcomes.bad] = RevisionFacts(revision: Outcomes.bad, message: String(repeating: "Long subject ", count: 400),
                                                      pathTree: nil, author: String(repeating: "A", count: 3000))
        return event(.syncFailed, outcome)
    }

    func json(_ request: NotificationRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func eventCarriesTheFacts() {
        let event = event()
        #expect(event.title == "master: sync of 2222222 failed")
        #expect(event.revision == Outcomes.bad && event.commit?.author == "Ada Lovelace" && event.commit?.summary == "Ship 2222")
        #expect(event.failing == [.init(object: "Deployment.apps django-master/django-admin", status: "Degraded",
                                        message: "container django: ImagePullBackOff: unpullable image")])
        #expect(event.summary == "Degraded: Deployment.apps django-master/django-admin: container django: ImagePullBackOff: unpullable image")
        #expect(event.links == .init(commit: "https://github.com/acme/config/commit/\(Outcomes.bad)", dashboard: "https://mooring.example.com/master"))
        let rollback = self.event(.autoRollback)
        #expect(rollback.revision == Outcomes.bad && rollback.rolledBackTo == Outcomes.good && rollback.health == .healthy)
        #expect(rollback.title == "master: 2222222 was rolled back to 1111111")
    }

    @Test func slackBlockKitWithinItsLimits() throws {
        for event in [event(), hugeEvent()] {
            let payload = SlackMessage.payload(for: event, body: nil)
            let body = try json(NotificationRequest(url: "http://x", json: payload))
            let header = try #require((body["blocks"] as? [[String: Any]])?.first)
            #expect(header["type"] as? String == "header")
            let headerText = try #require((header["text"] as? [String: Any])?["text"] as? String)
            #expect(headerText.utf16.count <= 150)
            let attachment = try #require((body["attachments"] as? [[String: Any]])?.first)
            #expect(attachment["color"] as? String == "#E01E5A")
            let blocks = try #require(attachment["blocks"] as? [[String: Any]])
            #expect(blocks.count + 1 <= 50)
            #expect(blocks.map { $0["type"] as? String } == ["section", "section", "context"])
            let text = try #require((blocks[0]["text"] as? [String: Any])?["text"] as? String)
            #expect(text.utf16.count <= 3000)
            let fields = try #require(blocks[1]["fields"] as? [[String: Any]])
            #expect(fields.count <= 10 && fields.allSatisfy { (($0["text"] as? String)?.utf16.count ?? 9999) <= 2000 })
            #expect(fields.allSatisfy { $0["type"] as? String == "mrkdwn" })
            #expect(((blocks[2]["elements"] as? [Any])?.count ?? 99) <= 10)
            #expect(((body["text"] as? String)?.utf16.count ?? 99999) <= 4000)
        }
        let huge = SlackMessage.payload(for: hugeEvent(), body: nil).serialized()
        #expect(huge.contains("… (truncated)") && huge.contains("&lt;crash &amp; burn&gt;"), "cut with a note, escaped as Slack asks")
        #expect(SlackMessage.payload(for: event(), body: nil).serialized().contains("<https://github.com/acme/config/commit/\(Outcomes.bad)|2222222>"))
    }

    @Test func discordEmbedWithinItsLimits() throws {
        for event in [event(), hugeEvent()] {
            let body = try json(NotificationRequest(url: "http://x", json: DiscordMessage.payload(for: event, body: nil)))
            let embeds = try #require(body["embeds"] as? [[String: Any]])
            #expect(embeds.count == 1)
            let embed = embeds[0]
            let title = try #require(embed["title"] as? String)
            let description = try #require(embed["description"] as? String)
            let fields = try #require(embed["fields"] as? [[String: Any]])
            let footer = try #require((embed["footer"] as? [String: Any])?["text"] as? String)
            #expect(title.utf16.count <= 256 && description.utf16.count <= 4096 && footer.utf16.count <= 2048)
            #expect(fields.count <= 25)
            for field in fields {
                #expect(((field["name"] as? String)?.utf16.count ?? 999) <= 256)
                #expect(((field["value"] as? String)?.utf16.count ?? 9999) <= 1024)
            }
            let total = title.utf16.count + description.utf16.count + footer.utf16.count
                + fields.reduce(0) { $0 + (($1["name"] as? String)?.utf16.count ?? 0) + (($1["value"] as? String)?.utf16.count ?? 0) }
            #expect(total <= 6000, "Discord's 6000 characters across an embed")
            #expect(embed["color"] as? Int == 0xE01E5A)
            #expect(embed["timestamp"] as? String == "2027-01-15T08:00:00Z")
            #expect((body["allowed_mentions"] as? [String: Any])?["parse"] as? [Any] != nil)
        }
    }

    @Test func teamsAdaptiveCardInAMessageActivity() throws {
        for event in [event(.autoRollback), hugeEvent()] {
            let request = NotificationRequest(url: "http://x", json: TeamsMessage.payload(for: event, body: nil))
            #expect(request.body.count <= 14_000, "well under Teams' 28 KB counted in UTF-16")
            let body = try json(request)
            #expect(body["type"] as? String == "message")
            let attachment = try #require((body["attachments"] as? [[String: Any]])?.first)
            #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
            #expect(attachment["contentUrl"] is NSNull)
            let card = try #require(attachment["content"] as? [String: Any])
            #expect(card["type"] as? String == "AdaptiveCard" && card["version"] as? String == "1.4")
            #expect(card["$schema"] as? String == "http://adaptivecards.io/schemas/adaptive-card.json")
            let elements = try #require(card["body"] as? [[String: Any]])
            #expect(elements.map { $0["type"] as? String } == ["Container", "TextBlock", "FactSet", "TextBlock"])
            #expect(["good", "attention", "warning"].contains(elements[0]["style"] as? String ?? ""))
            let facts = try #require(elements[2]["facts"] as? [[String: Any]])
            #expect(facts.allSatisfy { $0["title"] is String && $0["value"] is String })
            let actions = try #require(card["actions"] as? [[String: Any]])
            #expect(actions.allSatisfy { $0["type"] as? String == "Action.OpenUrl" && $0["url"] is String })
        }
    }

    @Test func webhookBodyIsTheVersionedReportWithTheEventAndItsSignatureVerifies() throws {
        let secret = Array("a shared secret".utf8)
        let request = WebhookMessage.request(for: event(), url: "http://x", secret: secret, template: nil)
        let body = try json(request)
        #expect(body["schemaVersion"] as? Int == 1 && body["type"] as? String == "report" && body["kind"] as? String == "sync")
        #expect(body["event"] as? String == "sync-failed" && body["environment"] as? String == "master")
        #expect((body["environments"] as? [[String: Any]])?.first?["revision"] as? String == Outcomes.bad)
        #expect((body["links"] as? [String: Any])?["commit"] as? String == "https://github.com/acme/config/commit/\(Outcomes.bad)")
        #expect(request.header("X-Mooring-Event") == "sync-failed")
        // Verified as a receiver would: HMAC-SHA256 of the raw body with the shared secret.
        let expected = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: secret))
        let signature = try #require(request.header("X-Mooring-Signature-256"))
        #expect(signature == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
        #expect(!HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: request.body + [0x20], using: SymmetricKey(data: secret)))
        #expect(WebhookMessage.request(for: event(), url: "http://x", secret: nil, template: nil).header("X-Mooring-Signature-256") == nil)
    }

    @Test func commitStatusesFollowTheForgesRESTAPIs() throws {
        let github = CommitStatusMessage.request(kind: .githubStatus, apiURL: nil, repository: "acme/config", token: "ghp_token",
                                                 revision: Outcomes.bad, environment: "master", state: .failure,
                                                 description: String(repeating: "d", count: 300), targetURL: "https://mooring.example.com/master")
        #expect(github.url == "https://api.github.com/repos/acme/config/statuses/\(Outcomes.bad)")
        #expect(github.header("Authorization") == "Bearer ghp_token" && github.header("Accept") == "application/vnd.github+json")
        #expect(github.header("X-GitHub-Api-Version") == "2022-11-28" && github.header("User-Agent") != nil)
        let githubBody = try json(github)
        #expect(githubBody["state"] as? String == "failure" && githubBody["context"] as? String == "mooring/master")
        #expect((githubBody["description"] as? String)?.count == 140)
        #expect(githubBody["target_url"] as? String == "https://mooring.example.com/master")

        let gitlab = CommitStatusMessage.request(kind: .gitlabStatus, apiURL: "https://gitlab.example.com/api/v4/", repository: "group/sub/config",
                                                 token: "glpat", revision: Outcomes.good, environment: "develop", state: .pending,
                                                 description: "Applying to develop", targetURL: nil)
        #expect(gitlab.url == "https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fconfig/statuses/\(Outcomes.good)")
        #expect(gitlab.header("PRIVATE-TOKEN") == "glpat")
        let gitlabBody = try json(gitlab)
        #expect(gitlabBody["state"] as? String == "pending" && gitlabBody["name"] as? String == "mooring/develop")
        #expect(gitlabBody["target_url"] == nil)
        #expect(CommitStatusMessage.state(for: .autoRollback) == .failure && CommitStatusMessage.state(for: .syncSucceeded) == .success)
        #expect(CommitStatusMessage.state(for: .driftDetected) == nil)
    }

    @Test func templatesOverrideTheTextEscapedForWhereItGoes() throws {
        let slack = try NotificationTemplate("*{{environment}}* {{event}} {{shortRevision}} by {{author}}{{#failing}} · {{object}}{{/failing}}", escaping: .slack)
        #expect(slack.render(event()) == "*master* sync-failed 2222222 by Ada Lovelace · Deployment.apps django-master/django-admin")
        let json = try NotificationTemplate(#"{"text": "{{summary}}", "ok": {{^failure}}true{{/failure}}{{#failure}}false{{/failure}}}"#, escaping: .json)
        let rendered = json.render(hugeEvent())
        #expect((try? JSONSerialization.jsonObject(with: Data(rendered.utf8))) != nil, "values escaped for a JSON string: \(rendered.prefix(200))")
        let payload = SlackMessage.payload(for: event(), body: try NotificationTemplate("{{title}} <{{summary}}>", escaping: .slack)).serialized()
        #expect(payload.contains("master: sync of 2222222 failed <Degraded: Deployment.apps"), "the template's own text as written")
        #expect(throws: NotificationTemplateError.self) { try NotificationTemplate("{{#failing}}unclosed", escaping: .none) }
    }

    @Test func secretValuesNeverReachAPayload() throws {
        var outcome = Outcomes.autoRolledBack()
        let secret: JSON = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "db", "namespace": "django-master"],
                            "data": ["password": .string(Data("hunter2-s3cret".utf8).base64EncodedString())], "stringData": ["token": "tok-9f8e7d"]]
        outcome.rendered = RenderedEnvironment(objects: [RenderedObject(identity: ObjectIdentity(of: secret)!, object: secret, source: SourceLocation(file: "secret.yaml", line: 1))], warnings: [])
        outcome.changeSet?.entries[0].action = .failed
        outcome.changeSet?.entries[0].message = #"Secret "db" is invalid: data[password]: Invalid value: "hunter2-s3cret" and tok-9f8e7d"#
        let event = event(.syncFailed, outcome)
        let bodies = [SlackMessage.payload(for: event, body: nil).serialized(), DiscordMessage.payload(for: event, body: nil).serialized(),
                      TeamsMessage.payload(for: event, body: nil).serialized(),
                      String(decoding: WebhookMessage.body(for: event, template: nil), as: UTF8.self)]
        for body in bodies {
            #expect(!body.contains("hunter2-s3cret") && !body.contains("tok-9f8e7d") && !body.contains(Data("hunter2-s3cret".utf8).base64EncodedString()))
        }
        #expect(bodies[0].contains("Invalid value: \\\"***\\\""))
    }
}

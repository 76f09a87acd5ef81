import Crypto
import Foundation
import Manifests
import Notify
import Reconciler
import TestSupport
import Testing

/// Notifications end to end: the reconciler against the embedded cluster and a config
/// repository, a `Notifier` wired as `mooring run` wires it, and one real HTTP receiver on
/// loopback per target type, recording what it is sent.
@Suite struct NotificationEndToEndTests {
    /// One receiver per type, answering 2xx like the services do.
    struct Receivers {
        let slack, discord, teams, webhook, github, gitlab: LoopbackReceiver
        var all: [LoopbackReceiver] { [slack, discord, teams, webhook, github, gitlab] }

        static func start() async throws -> Receivers {
            Receivers(slack: try await .start(), discord: try await .start { _, _ in .status(204) }, teams: try await .start(),
                      webhook: try await .start(), github: try await .start { _, _ in .status(201, body: #"{"state":"ok"}"#) },
                      gitlab: try await .start { _, _ in .status(201, body: "{}") })
        }

        func stop() async { for receiver in all { await receiver.stop() } }
    }

    static let secretValue = "hunter2-correct-horse-battery"
    static let webhookSecret = "a webhook signing secret"
    static let policy = DeliveryPolicy(timeout: .seconds(20), attempts: 3, backoff: .milliseconds(100), maximumDelay: .seconds(1))

    /// `mooring.yaml` with every type; the variables it names point at the receivers.
    static func configuration(_ receivers: Receivers) throws -> (MooringConfiguration, [String: String]) {
        let configuration = try MooringConfiguration(yaml: """
            repository:
              url: https://github.com/acme/config.git
            environments:
              develop: {}
              master: {rollbackOnFailure: true}
            notifications:
              - name: chat
                type: slack
                urlEnv: SLACK_URL
                events: [sync-succeeded, sync-failed, auto-rollback, health-degraded, health-recovered, rollback, drift-detected, self-healed]
              - {name: gaming, type: discord, urlEnv: DISCORD_URL}
              - {name: office, type: teams, urlEnv: TEAMS_URL}
              - {name: hook, type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_SECRET}
              - {name: forge, type: github-status, tokenEnv: GITHUB_TOKEN, apiURL: "\(receivers.github.url)"}
              - {name: lab, type: gitlab-status, tokenEnv: GITLAB_TOKEN, repository: group/config, apiURL: "\(receivers.gitlab.url)/api/v4"}
            links:
              commit: https://github.com/acme/config/commit/{{revision}}
              dashboard: https://mooring.example.com/environments/{{environment}}
            """)
        return (configuration, [
            "SLACK_URL": receivers.slack.url + "/services/T000/B000/XXXX", "DISCORD_URL": receivers.discord.url + "/api/webhooks/1/token",
            "TEAMS_URL": receivers.teams.url + "/workflows/1", "HOOK_URL": receivers.webhook.url + "/mooring",
            "HOOK_SECRET": webhookSecret, "GITHUB_TOKEN": "ghp_test", "GITLAB_TOKEN": "glpat-test",
        ])
    }

    func notifier(_ configuration: MooringConfiguration, _ variables: [String: String], _ world: Harness,
                  policy: DeliveryPolicy = policy) throws -> Notifier {
        try Notifier(configuration: configuration, clusters: ["master": world.client, "develop": world.client],
                     policy: policy, environment: variables)
    }

    func reconciler(_ world: Harness, _ environment: EnvironmentConfiguration, notifier: Notifier) -> EnvironmentReconciler {
        var reconciler = world.reconciler(environment)
        reconciler.progress = reconciler.progress.forwarding(milestonesTo: notifier.reached)
        return reconciler
    }

    static let secretFile = """
        apiVersion: v1
        kind: Secret
        metadata:
          name: django-database
          namespace: django-master
        stringData:
          password: \(secretValue)
        """

    @Test func brokenReleaseRolledBackIsToldOnceInOrderOverPassesAndARestart() async throws {
        let receivers = try await Receivers.start()
        try await stopping(receivers.all) { try await withHarness { world in
            let (configuration, variables) = try Self.configuration(receivers)
            let master = Harness.environment("master", rollbackOnFailure: true)

            let first = try notifier(configuration, variables, world)
            let watched = reconciler(world, master, notifier: first)
            let good = try await world.poll(watched)
            #expect(good.isSyncedAndHealthy, "\(good.message)")
            first.observe(good)
            let bad = try await world.repository.commit("Ship a broken image", files: [
                "environments/master/deployment.yaml": try ReconcileEndToEndTests.masterDeployment(image: "ghcr.io/mooring-demo/django-admin:broken", in: world.repository),
                "environments/master/secret.yaml": Self.secretFile,
            ])
            let failed = try await world.poll(watched)
            #expect(failed.autoRollback != nil, "\(failed.message)")
            first.observe(failed)
            for _ in 0..<2 { first.observe(try await world.poll(watched)) }
            #expect(await first.finish(within: .seconds(60)) == 0)

            // A restart: a new process knows only what the cluster remembers.
            let second = try notifier(configuration, variables, world)
            let restarted = reconciler(world, master, notifier: second)
            for _ in 0..<2 { second.observe(try await world.poll(restarted)) }
            #expect(await second.finish(within: .seconds(60)) == 0)

            let (goodID, badID) = (good.revision, bad)
            // Slack subscribes to successes too; Discord, Teams and the webhook get the default: failures and rollbacks.
            #expect(receivers.slack.requests.map(slackTitle) == ["master: synced to \(goodID.prefix(7)), Healthy",
                                                                 "master: sync of \(badID.prefix(7)) failed",
                                                                 "master: \(badID.prefix(7)) was rolled back to \(goodID.prefix(7))"])
            #expect(receivers.discord.requests.map(discordTitle) == ["master: sync of \(badID.prefix(7)) failed",
                                                                     "master: \(badID.prefix(7)) was rolled back to \(goodID.prefix(7))"])
            #expect(receivers.teams.requests.count == 2)
            #expect(receivers.webhook.requests.map { $0.json?["event"] as? String } == ["sync-failed", "auto-rollback"])
            // Statuses: pending as each revision starts, then how it ended; the bad one twice (failed, rolled back).
            #expect(receivers.github.requests.map(githubStatus) == [
                "\(goodID) pending", "\(goodID) success", "\(badID) pending", "\(badID) failure", "\(badID) failure",
            ])
            #expect(receivers.gitlab.requests.map(gitlabStatus) == [
                "\(goodID) pending", "\(goodID) success", "\(badID) pending", "\(badID) failed", "\(badID) failed",
            ])

            try checkPayloads(receivers, bad: badID, good: goodID)
            for receiver in receivers.all {
                for request in receiver.requests { #expect(!request.text.contains(Self.secretValue), "\(request.path): \(request.text)") }
            }
        } }
    }

    /// Each payload as its service documents it.
    func checkPayloads(_ receivers: Receivers, bad: String, good: String) throws {
        let failedSlack = try #require(receivers.slack.requests[1].json)
        let attachment = try #require((failedSlack["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["color"] as? String == "#E01E5A")
        let fields = try #require((attachment["blocks"] as? [[String: Any]])?[1]["fields"] as? [[String: Any]])
        #expect(fields.count <= 10 && fields.contains { ($0["text"] as? String)?.contains("<https://github.com/acme/config/commit/\(bad)|\(bad.prefix(7))>") == true })
        #expect(receivers.slack.requests.allSatisfy { $0.header("content-type")?.hasPrefix("application/json") == true })

        let embed = try #require((receivers.discord.requests[1].json?["embeds"] as? [[String: Any]])?.first)
        #expect(embed["color"] as? Int == 0xE01E5A && (embed["fields"] as? [Any])?.count ?? 99 <= 25)

        let card = try #require(((receivers.teams.requests[0].json?["attachments"] as? [[String: Any]])?.first)?["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard" && card["version"] as? String == "1.4")

        for request in receivers.webhook.requests {
            let expected = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Array(Self.webhookSecret.utf8)))
            #expect(request.header("x-mooring-signature-256") == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
            #expect(request.json?["schemaVersion"] as? Int == 1 && request.json?["type"] as? String == "report")
        }
        let failedHook = try #require(receivers.webhook.requests.first?.json)
        let objects = try #require((failedHook["environments"] as? [[String: Any]])?.first?["objects"] as? [[String: Any]])
        #expect(objects.contains { $0["kind"] as? String == "Secret" }, "the report lists the Secret, masked")

        for request in receivers.github.requests {
            #expect(request.method == "POST" && request.path.hasPrefix("/repos/acme/config/statuses/"))
            #expect(request.header("authorization") == "Bearer ghp_test" && request.header("accept") == "application/vnd.github+json")
            #expect(request.json?["context"] as? String == "mooring/master")
            #expect(((request.json?["description"] as? String)?.count ?? 999) <= 140)
            #expect(request.json?["target_url"] as? String == "https://mooring.example.com/environments/master")
        }
        for request in receivers.gitlab.requests {
            #expect(request.path.hasPrefix("/api/v4/projects/group%2Fconfig/statuses/"))
            #expect(request.header("private-token") == "glpat-test" && request.json?["name"] as? String == "mooring/master")
        }
    }

    func slackTitle(_ request: LoopbackReceiver.Request) -> String? {
        ((request.json?["blocks"] as? [[String: Any]])?.first?["text"] as? [String: Any])?["text"] as? String
    }

    func discordTitle(_ request: LoopbackReceiver.Request) -> String? {
        (request.json?["embeds"] as? [[String: Any]])?.first?["title"] as? String
    }

    func githubStatus(_ request: LoopbackReceiver.Request) -> String {
        "\(request.path.split(separator: "/").last ?? "") \(request.json?["state"] as? String ?? "?")"
    }

    func gitlabStatus(_ request: LoopbackReceiver.Request) -> String {
        "\(request.path.split(separator: "/").last ?? "") \(request.json?["state"] as? String ?? "?")"
    }

    @Test func receiversThatHangFailOrThrottleNeverDelayTheNextEnvironmentsApply() async throws {
        let hanging = try await LoopbackReceiver.start { _, _ in .hang }
        let failing = try await LoopbackReceiver.start { _, _ in .status(500, body: "internal error") }
        let throttling = try await LoopbackReceiver.start { _, index in
            // Longer than master's apply even on a loaded machine, so the retry's order proves something.
            index == 0 ? .status(429, headers: [("Retry-After", "20")], body: "rate limited") : .ok
        }
        try await stopping([hanging, failing, throttling]) { try await withHarness { world in
            let configuration = try MooringConfiguration(yaml: """
                repository: {url: "\(world.repository.url)"}
                environments: {develop: {}, master: {}}
                notifications:
                  - {name: hangs, type: slack, urlEnv: HANGS, events: [sync-succeeded]}
                  - {name: fails, type: discord, urlEnv: FAILS, events: [sync-succeeded]}
                  - {name: throttles, type: webhook, urlEnv: THROTTLES, events: [sync-succeeded]}
                """)
            let policy = DeliveryPolicy(timeout: .seconds(30), attempts: 3, backoff: .seconds(2), maximumDelay: .seconds(4))
            let notifier = try notifier(configuration, ["HANGS": hanging.url, "FAILS": failing.url, "THROTTLES": throttling.url],
                                        world, policy: policy)
            let develop = reconciler(world, Harness.environment("develop"), notifier: notifier)
            let master = reconciler(world, Harness.environment("master"), notifier: notifier)

            let idleStart = ContinuousClock.now
            let developed = try await world.poll(develop)
            let idleApplyTime = ContinuousClock.now - idleStart
            #expect(developed.isSyncedAndHealthy, "\(developed.message)")
            notifier.observe(developed)
            for receiver in [hanging, failing, throttling] { try await receiver.waitForRequests(1) }

            // Every receiver is now busy with develop's event: hanging, about to be retried, or
            // waiting out Retry-After. Master's apply runs meanwhile, at its own pace.
            let start = ContinuousClock.now
            let mastered = try await world.poll(master)
            let applyTime = ContinuousClock.now - start
            notifier.observe(mastered)
            #expect(mastered.isSyncedAndHealthy, "\(mastered.message)")
            #expect(applyTime < .seconds(20), "master's apply took \(applyTime)")
            #expect(hanging.requests.count == 1, "the hanging request is still open: the apply did not wait for its 30 s timeout")
            let throttled = try await throttling.waitForRequests(2)
            #expect(throttled[1].receivedAt - throttled[0].receivedAt >= .seconds(20), "Retry-After honoured")
            #expect(throttled[1].receivedAt - start > applyTime, "the retry came after master's apply had finished: \(applyTime)")
            print("apply time: develop with idle receivers \(idleApplyTime), master with every receiver busy \(applyTime)")

            // `run --once` waits a bounded time, then gives up on what is left (the hanging lane).
            let finishing = ContinuousClock.now
            let abandoned = await notifier.finish(within: .seconds(3))
            #expect(ContinuousClock.now - finishing < .seconds(10))
            #expect(abandoned >= 1)
            #expect(failing.requests.count >= 2, "500s are retried")
        } }
    }

    /// Runs `body`, then stops the receivers whatever happened.
    func stopping(_ receivers: [LoopbackReceiver], _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            for receiver in receivers { await receiver.stop() }
            throw error
        }
        for receiver in receivers { await receiver.stop() }
    }
}

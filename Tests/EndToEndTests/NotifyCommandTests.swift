import Foundation
import TestSupport
import Testing

/// The `mooring` binary's notifications: `notify test` prints what the receiver answered, `run
/// --once` does not exit before its notifications are out, and a target whose variable is unset
/// stops `run` at start with one line.
@Suite struct NotifyCommandTests {
    /// A `mooring.yaml` whose targets point at `receiver`; the receiver is stopped afterwards.
    func withWorkspace(_ receiver: LoopbackReceiver, _ body: (String, ConfigRepository) async throws -> Void) async throws {
        do {
            try await withRepository(receiver, body)
        } catch {
            await receiver.stop()
            throw error
        }
        await receiver.stop()
    }

    private func withRepository(_ receiver: LoopbackReceiver, _ body: (String, ConfigRepository) async throws -> Void) async throws {
        let repository = try await SampleRepository.create(serve: true).repository
        defer { repository.stop() }
        let folder = TemporaryFolder.make("notify-cli")
        try """
            repository:
              url: \(repository.url)
            environments:
              develop:
                ref: main
                cluster: local
                healthTimeout: 30s
            notifications:
              - name: chat
                type: slack
                urlEnv: CHAT_URL
                events: [sync-succeeded, sync-failed]
              - name: hook
                type: webhook
                urlEnv: HOOK_URL
                events: [sync-succeeded]
            """.write(toFile: folder + "/mooring.yaml", atomically: true, encoding: .utf8)
        try await body(folder + "/mooring.yaml", repository)
    }

    func mooring(_ arguments: [String], config: String, receiver: LoopbackReceiver, removing: [String] = []) async throws -> CommandResult {
        try await MooringBinary.run(arguments + ["--config", config],
                                    environment: ["MOORING_LOCAL_TIME_SCALE": "100", "CHAT_URL": receiver.url + "/services/T/B/X",
                                                  "HOOK_URL": receiver.url + "/hook"], removing: removing)
    }

    @Test func notifyTestSendsASampleAndPrintsTheAnswer() async throws {
        let receiver = try await LoopbackReceiver.start { request, _ in
            request.path == "/hook" ? .status(500, body: "receiver broke") : .status(200, body: "ok")
        }
        try await withWorkspace(receiver) { config, repository in
            let sent = try await mooring(["notify", "test", "--target", "chat"], config: config, receiver: receiver)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout == "chat (slack): HTTP 200: ok\n")
            let request = try #require(receiver.requests.first)
            #expect(request.path == "/services/T/B/X")
            let head = try await repository.git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(request.text.contains("master: ") == false && request.text.contains("develop: synced to \(head.prefix(7))"))

            let refused = try await mooring(["notify", "test", "--target", "hook"], config: config, receiver: receiver)
            #expect(refused.status == 1)
            #expect(refused.stdout == "hook (webhook): HTTP 500: receiver broke\n")

            let unknown = try await mooring(["notify", "test", "--target", "chatt"], config: config, receiver: receiver)
            #expect(unknown.status == 2)
            #expect(unknown.stderr == "error: no notification target \"chatt\" (configured: chat, hook)\n")
        }
    }

    @Test func runOnceExitsOnlyAfterItsNotificationsAreOut() async throws {
        let receiver = try await LoopbackReceiver.start()
        try await withWorkspace(receiver) { config, _ in
            let unset = try await mooring(["run", "--once"], config: config, receiver: receiver, removing: ["HOOK_URL"])
            #expect(unset.status == 2)
            #expect(unset.stderr == "error: notification \"hook\": environment variable HOOK_URL is not set\n")

            let run = try await mooring(["run", "--once"], config: config, receiver: receiver)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            // Read the moment the process exited: both messages were delivered before it did.
            let requests = receiver.requests
            #expect(requests.map(\.path).sorted() == ["/hook", "/services/T/B/X"])
            #expect(requests.first { $0.path == "/hook" }?.json?["event"] as? String == "sync-succeeded")
        }
    }
}

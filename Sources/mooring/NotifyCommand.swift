import ArgumentParser
import Foundation
import Notify
import Reconciler

/// `mooring notify test --target NAME`: sends a sample `sync-succeeded` event (the environment's
/// current commit, so a commit status lands on a real commit) to one target and prints what the
/// receiver answered. Exit 0 for a 2xx answer, 1 for another answer, 2 when none came.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "notify", abstract: "Notifications.",
                                                    subcommands: [NotifyTestCommand.self])
}

struct NotifyTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Send a sample event to one notification target.")

    @OptionGroup var options: ConfigurationOptions
    @Option(name: .long, help: "The target's name in notifications.") var target: String
    @Option(name: .long, help: "The environment the sample is about (default: the target's first).") var env: String?

    func run() async throws {
        let setup = try await ReconcilerSetup.open(options, clusters: false)
        let configuration = setup.configuration
        guard let configured = configuration.notifications.first(where: { $0.name == target }) else {
            throw CommandError(NotifyError.unknownTarget(target, known: configuration.notifications.map(\.name)).description)
        }
        let resolved = try ResolvedTarget(configured)
        let name = env ?? configuration.environments.map(\.name).first { configured.environments?.contains($0) ?? true }
        let environment = try setup.environment(name ?? "")
        try await setup.source.fetch()
        let commit = try await setup.source.describe(revision: try await setup.source.resolve(environment.ref), path: environment.path)
        let event = try NotificationTest.sampleEvent(environment: environment.name, commit: commit, links: configuration.links)
        let answer = try await NotificationTest.send(event, to: resolved)
        print("\(configured.name) (\(configured.kind.rawValue)): \(answer)")
        if !answer.succeeded { throw ExitCode(1) }
    }
}

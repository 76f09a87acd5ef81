/// The git CLI as every test runs it: no user or system configuration, a fixed identity, never a
/// prompt. `git("commit", "-m", "x")` runs in `directory`.
public struct Git: Sendable {
    public let directory: String

    public init(in directory: String) { self.directory = directory }

    /// What every test's git runs with.
    public static let environment: [String: String] = [
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_TERMINAL_PROMPT": "0",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    ]

    /// Runs git, failing unless it exits 0; its output without the trailing newline.
    @discardableResult
    public func callAsFunction(_ arguments: String...) async throws -> String {
        try await run(arguments)
    }

    @discardableResult
    public func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> String {
        try await Command.check("git", ["-C", directory] + arguments, environment: Self.environment.merging(environment) { $1 })
    }

    /// `git --exec-path`: where git's own programs (git-daemon, git-http-backend) live.
    public static func execPath() async throws -> String {
        try await Command.check("git", ["--exec-path"])
    }
}

import Foundation

/// The `mooring` binary `swift build` made (`make test` builds it first), run as a user runs it.
public enum MooringBinary {
    /// `<package>/.build/debug/mooring`
    public static var path: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/debug/mooring").path
    }

    public static func run(_ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
                           timeout: Duration = .seconds(120)) async throws -> CommandResult {
        try await Command.run(path, arguments, environment: environment, removing: removing, timeout: timeout)
    }

    public static func run(_ arguments: String...) async throws -> CommandResult { try await run(arguments) }
}

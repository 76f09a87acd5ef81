import Foundation
import TestSupport

/// A process left running (e.g. `kubectl get -w`) and stopped by its PID when the test is done.
final class BackgroundCommand: @unchecked Sendable {
    private let process = Process()
    private let output: ReadAll
    private let errors: ReadAll

    init(_ program: String, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        output = ReadAll(out.fileHandleForReading)
        errors = ReadAll(err.fileHandleForReading)
    }

    var pid: Int32 { process.processIdentifier }

    /// Stops the process (SIGTERM, then SIGKILL) and returns what it printed.
    func stop() async -> (stdout: String, stderr: String) {
        if process.isRunning { kill(pid, SIGTERM) }
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { kill(pid, SIGKILL) }
        let pid = self.pid
        let result: (String, String) = await withCheckedContinuation { continuation in
            Thread.detachNewThread { [self] in
                process.waitUntilExit()
                continuation.resume(returning: (output.wait(), errors.wait()))
            }
        }
        _ = pid
        return result
    }
}

/// Polls until `condition` holds or the time is up.
func eventually(timeout: Double = 20, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}

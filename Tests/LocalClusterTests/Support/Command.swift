import Foundation

/// The outcome of a finished process.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// For curl runs made with `-w "\n%{http_code}"`: the body and the HTTP status.
    var httpBody: String { String(stdout[..<(stdout.lastIndex(of: "\n") ?? stdout.endIndex)]) }
    var httpStatus: Int { Int(stdout.split(separator: "\n").last ?? "") ?? 0 }
}

/// Runs real programs (kubectl, curl, the mooring binary) found on PATH.
enum Command {
    /// Waits without blocking a concurrency thread: the in-process cluster needs those threads
    /// to answer the very process being waited for.
    static func run(_ program: String, _ arguments: [String], environment: [String: String], input: String?,
                    timeout: TimeInterval = 60) async throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try? inp.fileHandleForWriting.close()
        let outData = ReadAll(out.fileHandleForReading)
        let errData = ReadAll(err.fileHandleForReading)
        let pid = process.processIdentifier
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                if exited.wait(timeout: .now() + timeout) == .timedOut {
                    kill(pid, SIGKILL)
                    exited.wait()
                }
                continuation.resume(returning: CommandResult(status: process.terminationStatus,
                                                             stdout: outData.wait(), stderr: errData.wait()))
            }
        }
    }
}

/// Drains a pipe on a background thread so a chatty process never blocks on a full pipe.
final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

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

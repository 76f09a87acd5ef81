import Foundation

// Shared by the test targets that run real programs (kubectl, curl, the mooring binary) next to
// an in-process local cluster.

/// The outcome of a finished process.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// For curl runs made with `-w "\n%{http_code}"`: the body and the HTTP status.
    public var httpBody: String { String(stdout[..<(stdout.lastIndex(of: "\n") ?? stdout.endIndex)]) }
    public var httpStatus: Int { Int(stdout.split(separator: "\n").last ?? "") ?? 0 }
}

/// Runs real programs (kubectl, curl, the mooring binary) found on PATH.
public enum Command {
    /// Waits without blocking a concurrency thread: the in-process cluster needs those threads
    /// to answer the very process being waited for.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String], input: String?,
                    timeout: TimeInterval = 120) async throws -> CommandResult {
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
public final class ReadAll: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    public init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    public func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

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

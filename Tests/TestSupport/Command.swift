import ChildProcess
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// The one way tests run programs (git, kubectl, openssl, curl, chromium, the mooring binary, and
// the servers: nginx, git daemon, sshd), on the product's `ChildProcess` — swift-subprocess, not
// Foundation's `Process`, which has been seen to miss a child's exit under load. Waits never
// block a thread of the cooperative pool, which an in-process local cluster needs to answer the
// very program being waited for.

/// How a finished program ended and what it wrote.
public struct CommandResult: Sendable {
    /// The exit status (128 + the signal when one ended it, as a shell reports it).
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    init(_ result: ChildProcessResult) {
        self.init(status: result.exitCode, stdout: result.stdout, stderr: result.stderr)
    }

    /// Exited with status 0.
    public var succeeded: Bool { status == 0 }
    /// Standard output's bytes (for parsers that read bytes).
    public var standardOutput: [UInt8] { Array(stdout.utf8) }

    /// For curl runs made with `-w "\n%{http_code}"`: the body and the HTTP status.
    public var httpBody: String { String(stdout[..<(stdout.lastIndex(of: "\n") ?? stdout.endIndex)]) }
    public var httpStatus: Int { Int(stdout.split(separator: "\n").last ?? "") ?? 0 }
}

/// A test's own setup failing (a fixture program that exited non-zero, a server that did not
/// start): the test fails with this message.
public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum Command {
    /// Runs `program` (a path, or a name on `PATH`) to its end. A program that is not installed
    /// throws, naming it and the package to install (a test never passes for want of a program).
    /// - Parameter removing: variables of the test's own environment the program must not see.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                           removing: [String] = [], directory: String? = nil, input: String? = nil,
                           timeout: Duration = .seconds(120)) async throws -> CommandResult {
        var variables: [String: String?] = environment
        for name in removing { variables[name] = .some(nil) }
        var child = ChildProcess(program, arguments, environment: variables, workingDirectory: directory,
                                 input: input.map { Array($0.utf8) }, timeout: timeout)
        child.outputLimit = 64 << 20
        do {
            return CommandResult(try await child.run())
        } catch ChildProcessError.notFound(let name) {
            throw FixtureError(RequiredProgram.missingMessage(name))
        }
    }

    /// `run` for binary input and output (a CGI program answering a request): its exit status
    /// and standard output's bytes.
    public static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                           input: [UInt8], timeout: Duration = .seconds(120)) async throws -> (status: Int32, output: [UInt8]) {
        let child = ChildProcess(program, arguments, environment: environment, input: input, timeout: timeout, outputLimit: 256 << 20)
        do {
            let result = try await child.run()
            return (result.exitCode, result.standardOutput)
        } catch ChildProcessError.notFound(let name) {
            throw FixtureError(RequiredProgram.missingMessage(name))
        }
    }

    /// `run`, failing unless the program exits 0; its standard output, trailing newlines dropped.
    @discardableResult
    public static func check(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                             directory: String? = nil, input: String? = nil, timeout: Duration = .seconds(120)) async throws -> String {
        let result = try await run(program, arguments, environment: environment, directory: directory, input: input, timeout: timeout)
        guard result.status == 0 else {
            throw FixtureError("\(([program] + arguments).joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout.trimmingTrailingNewlines
    }

    /// Starts `program` and returns at once (a server, `kubectl get -w`, `mooring run`). Stop it
    /// with `stop()`; it is also stopped if the test process exits first.
    public static func start(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                             directory: String? = nil) async throws -> BackgroundCommand {
        let child = ChildProcess(program, arguments, environment: environment, workingDirectory: directory)
        do {
            return BackgroundCommand(try await child.start())
        } catch ChildProcessError.notFound(let name) {
            throw FixtureError(RequiredProgram.missingMessage(name))
        }
    }
}

/// A program left running, stopped by its PID (SIGTERM to its process group, SIGKILL after a
/// grace period) — by `stop()`, or when the test process exits.
public final class BackgroundCommand: Sendable {
    private let child: RunningChild

    init(_ child: RunningChild) {
        self.child = child
        ExitCleanup.started(child.pid)
    }

    public var pid: Int32 { child.pid }

    /// Whether it still runs.
    public var isRunning: Bool { !child.hasEnded && !ExitCleanup.hasEnded(child.pid) }

    /// Sends `signal` to it alone (`kill -9` of a runner mid-sync), never to a process that took
    /// its PID after it ended.
    public func send(_ signal: Int32) { child.send(signal) }

    /// Stops it (if it still runs) and returns how it ended and what it wrote.
    @discardableResult
    public func stop() async -> CommandResult {
        defer { ExitCleanup.stopped(child.pid) }
        return (await child.stop()).map(CommandResult.init) ?? CommandResult(status: -1, stdout: "", stderr: "")
    }

    /// Kills it and what it started (SIGKILL to its process group) without waiting: for servers,
    /// whose output nobody reads, stopped from a `defer`.
    public func kill() {
        child.send(SIGKILL, toGroup: true)
        ExitCleanup.stopped(child.pid)
    }

    /// Waits until it exits by itself, at most `timeout`; `nil` if it still runs then.
    public func wait(timeout: Duration) async throws -> CommandResult? {
        let child = self.child
        let result = try await withThrowingTaskGroup(of: CommandResult?.self) { group in
            group.addTask { CommandResult(try await child.wait()) }
            group.addTask { try await Task.sleep(for: timeout); return nil }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        if result != nil { ExitCleanup.stopped(child.pid) }
        return result
    }
}

extension String {
    /// Without the newlines a program ends its output with.
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}

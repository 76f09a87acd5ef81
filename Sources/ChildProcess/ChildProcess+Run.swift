import Subprocess

extension ChildProcess {
    /// Runs the program to its end and returns its status and output. Throws only when it could
    /// not run to its end: not found, not startable, over its timeout or its output limit (each
    /// time after stopping it: SIGTERM to its process group, SIGKILL after `gracePeriod`).
    public func run() async throws -> ChildProcessResult {
        let timeout = self.timeout
        let program = executable
        return try await withThrowingTaskGroup(of: ChildProcessResult?.self) { group in
            group.addTask { try await self.collect(whenStarted: { _ in }) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            if let finished = try await group.next(), let result = finished { return result }
            throw ChildProcessError.timedOut(program, after: timeout)
        }
    }

    /// Starts the program and returns at once; the child runs until it exits or is stopped.
    /// `timeout` does not apply: a server lives as long as its owner wants.
    public func start() async throws -> RunningChild {
        let (started, announce) = AsyncThrowingStream<Int32, any Error>.makeStream()
        let life = ChildLife()
        let task = Task {
            defer { life.end() }
            do {
                return try await collect(whenStarted: { pid in
                    announce.yield(pid)
                    announce.finish()
                })
            } catch {
                announce.finish(throwing: error)
                throw error
            }
        }
        for try await pid in started {
            return RunningChild(pid: pid, commandLine: commandLine, task: task, life: life)
        }
        throw ChildProcessError.launchFailed(executable, reason: "it ended before it started")
    }

    /// One run through swift-subprocess, its errors turned into `ChildProcessError`.
    private func collect(whenStarted: @escaping @Sendable (Int32) -> Void) async throws -> ChildProcessResult {
        let limit = outputLimit
        do {
            let result = try await Subprocess.run(configuration, input: .array(input ?? []), output: .bytes(limit: limit),
                                                  error: .bytes(limit: limit)) { execution in
                whenStarted(execution.processIdentifier.value)
            }
            return ChildProcessResult(status: Self.status(result.terminationStatus),
                                      standardOutput: result.standardOutput, standardError: result.standardError)
        } catch let error as SubprocessError {
            throw translate(error)
        }
    }

    private func translate(_ error: SubprocessError) -> ChildProcessError {
        switch error.code {
        case .executableNotFound: .notFound(executable)
        case .outputLimitExceeded: .outputTooLarge(executable, limit: outputLimit)
        default: .launchFailed(executable, reason: error.description)
        }
    }

    private static func status(_ status: TerminationStatus) -> ChildProcessResult.Status {
        switch status {
        case .exited(let code): .exited(code)
        case .signaled(let signal): .signalled(signal)
        }
    }
}

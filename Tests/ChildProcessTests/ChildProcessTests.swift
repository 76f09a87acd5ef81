import ChildProcess
import Foundation
import Testing

@Suite struct ChildProcessTests {
    @Test func collectsOutputErrorAndExitStatus() async throws {
        let result = try await ChildProcess("sh", ["-c", "echo out; echo err >&2; exit 3"]).run()
        #expect(result.status == .exited(3))
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(!result.succeeded)
    }

    @Test func passesInputEnvironmentAndFolder() async throws {
        var child = ChildProcess("sh", ["-c", "cat; printf ' %s ' \"$GREETING\"; pwd"])
        child.input = Array("from stdin".utf8)
        child.environment = ["GREETING": "hello"]
        child.workingDirectory = "/tmp"
        let result = try await child.run()
        #expect(result.succeeded)
        #expect(result.stdout == "from stdin hello /tmp\n")
    }

    @Test func withoutInheritingSeesOnlyItsOwnEnvironment() async throws {
        var child = ChildProcess("/usr/bin/env")
        child.inheritsEnvironment = false
        child.environment = ["ONLY": "this"]
        #expect(try await child.run().stdout == "ONLY=this\n")
    }

    @Test func missingProgramIsNotFound() async throws {
        await #expect(throws: ChildProcessError.notFound("mooring-no-such-program")) {
            try await ChildProcess("mooring-no-such-program").run()
        }
    }

    @Test func overrunningChildIsStoppedAtItsTimeout() async throws {
        var child = ChildProcess("sleep", ["30"])
        child.timeout = .milliseconds(300)
        let clock = ContinuousClock()
        let started = clock.now
        await #expect(throws: ChildProcessError.timedOut("sleep", after: .milliseconds(300))) { try await child.run() }
        #expect(clock.now - started < .seconds(10))
    }

    @Test func chattyChildIsStoppedAtItsOutputLimit() async throws {
        var child = ChildProcess("sh", ["-c", "yes mooring"])
        child.outputLimit = 4096
        await #expect(throws: ChildProcessError.outputTooLarge("sh", limit: 4096)) { try await child.run() }
    }

    @Test func startedChildRunsUntilStoppedWithWhatItStarted() async throws {
        // The shell starts a grandchild; stopping the child must stop both (its process group).
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString)").path
        let child = try await ChildProcess("sh", ["-c", "sleep 300 & echo $! > \(marker); wait"]).start()
        #expect(Self.isRunning(child.pid))
        var grandchild: Int32 = 0
        for _ in 0..<200 where grandchild == 0 {
            grandchild = Int32((try? String(contentsOfFile: marker, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(grandchild > 0)
        let ended = await child.stop()
        #expect(ended?.status == .signalled(SIGTERM))
        #expect(!Self.isRunning(child.pid))
        // The orphaned grandchild is reaped by init, not by us: give it a moment to be gone.
        for _ in 0..<100 where Self.isRunning(grandchild) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.isRunning(grandchild))
        try? FileManager.default.removeItem(atPath: marker)
    }

    /// Alive and not a zombie (a zombie still answers `kill(pid, 0)`).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    @Test func startedChildCanBeAwaited() async throws {
        let child = try await ChildProcess("sh", ["-c", "echo done"]).start()
        let result = try await child.wait()
        #expect(result.succeeded)
        #expect(result.stdout == "done\n")
    }

    @Test func manyChildrenAtOnceAllFinish() async throws {
        // What Foundation's Process failed at under load: every exit is seen.
        try await withThrowingTaskGroup(of: Int32.self) { group in
            for index in 0..<64 { group.addTask { try await ChildProcess("sh", ["-c", "exit \(index % 7)"]).run().exitCode } }
            var total: Int32 = 0
            for try await code in group { total += code }
            #expect(total == (0..<64).reduce(0) { $0 + Int32($1 % 7) })
        }
    }
}

import Foundation
import TestSupport
import Testing

/// The fixture servers' start-up check (TestSupport's `LoopbackPort.waitUntilListening`): a port
/// answering counts as this server's only when the listening socket is this server's. Seen in a
/// full run: a test whose `git daemon` lost its port read another test's repository through the
/// other test's daemon.
@Suite struct ServerPortOwnershipTests {
    @Test func aPortAnsweredByAnotherProcessIsNotThisServersOwn() async throws {
        let folder = TemporaryFolder.make("port-owner")
        let daemon = try await GitDaemon.start(basePath: folder)
        defer { daemon.stop() }
        // A process that never listens anywhere, while the daemon answers on the port.
        let bystander = try await Command.start("sleep", ["60"])
        defer { bystander.kill() }
        #expect(LoopbackPort.isListening(daemon.port))
        #expect(await LoopbackPort.waitUntilListening(daemon.port, process: bystander, timeout: .seconds(2)) == false)
        #expect(LoopbackPort.listens(on: daemon.port, pid: bystander.pid) == false)
    }

    /// /proc/net/tcp is made a page at a time, listening sockets first: with a few dozen servers
    /// listening (a full end-to-end run has that many clusters, daemons and proxies) most LISTEN
    /// lines are past the first page, and a check that read one page took the servers started
    /// then for not started.
    @Test func everyListeningSocketOfAProcessIsFoundPastTheFirstPage() throws {
        var listeners: [(descriptor: Int32, port: Int)] = []
        defer { for listener in listeners { close(listener.descriptor) } }
        for _ in 0..<150 { listeners.append(try LoopbackPort.listen()) }
        let unseen = listeners.filter { !LoopbackPort.listens(on: $0.port, pid: getpid()) }.count
        #expect(unseen == 0, "listening sockets of this process not found, of \(listeners.count)")
    }
}

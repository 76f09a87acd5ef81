import Foundation
import TestSupport
import Testing
@testable import GitSource

/// `ssh://` through a real sshd, with the key and known_hosts named by environment variables.
/// Without sshd (openssh-server) or an SSH-capable libgit2 the tests fail saying so.
@Suite struct SSHTests {
    struct Fixture {
        let folder: TemporaryFolder
        let config: ConfigRepository
        let server: SSHServer
        let keyVariable: String, knownHostsVariable: String

        init() async throws {
            try #require(GitLibrary.supportsSSH, "this libgit2 was built without SSH (Debian's libgit2-dev has it)")
            folder = try TemporaryFolder("ssh")
            config = try await ConfigRepository.create(in: folder)
            server = try await SSHServer.start(in: TemporaryFolder("sshd"))
            let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "")
            keyVariable = "MOORING_TEST_SSH_KEY_\(suffix)"
            knownHostsVariable = "MOORING_TEST_KNOWN_HOSTS_\(suffix)"
            setenv(keyVariable, server.clientKey, 1)
            setenv(knownHostsVariable, server.knownHosts, 1)
        }

        var remote: GitRemote {
            GitRemote(url: server.url(path: config.barePath),
                      credentials: .ssh(privateKeyVariable: keyVariable, knownHostsVariable: knownHostsVariable))
        }

        func stop() {
            server.stop()
            unsetenv(keyVariable)
            unsetenv(knownHostsVariable)
            folder.remove()
        }
    }

    @Test func clonesFetchesAndPushesOverSSH() async throws {
        let fixture = try await Fixture()
        defer { fixture.stop() }
        let mirror = try await GitMirror.open(fixture.remote, cacheFolder: fixture.folder.file("cache"))
        #expect(try await mirror.repository.resolve(nil).hex == (try await fixture.config.gitBare(["rev-parse", "main"])))

        try fixture.config.write("environments/develop/app.yaml", "image: v2\n")
        let second = try await fixture.config.commitAndPush("Develop v2")
        #expect(try await mirror.fetch().updatedReferences == ["refs/heads/main"])
        #expect(try await mirror.repository.resolve("main").hex == second)

        let revert = try await mirror.repository.revert(try await mirror.repository.resolve(second), onBranch: "main")
        try await mirror.push(branch: "main")
        #expect(try await fixture.config.gitBare(["rev-parse", "main"]) == revert.hex)
    }

    @Test func anUnknownOrChangedHostKeyIsRefused() async throws {
        let fixture = try await Fixture()
        defer { fixture.stop() }
        let url = fixture.server.url(path: fixture.config.barePath)
        let cache = fixture.folder.file("cache")

        try "".write(toFile: fixture.server.knownHosts, atomically: true, encoding: .utf8)
        let unknown = try await #require(throws: GitError.self) { try await GitMirror.open(fixture.remote, cacheFolder: cache) }
        #expect(unknown.kind == .authentication)
        #expect(unknown.description == "cannot fetch \(url): the SSH server's host key is not in \(fixture.server.knownHosts) "
            + "(check it, then add it with `ssh-keyscan -p \(fixture.server.port) 127.0.0.1 >> \(fixture.server.knownHosts)`)")

        let otherKey = fixture.folder.file("other")
        try await Command.check("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", otherKey])
        let otherLine = try String(contentsOfFile: otherKey + ".pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(fixture.server.port) \(otherLine)\n".write(toFile: fixture.server.knownHosts, atomically: true, encoding: .utf8)
        let changed = try await #require(throws: GitError.self) { try await GitMirror.open(fixture.remote, cacheFolder: cache) }
        #expect(changed.kind == .authentication)
        #expect(changed.description.hasPrefix("cannot fetch \(url): the SSH server's host key does not match the one in \(fixture.server.knownHosts)"))

        // OpenSSH's hashed form of the right entry is accepted.
        try "[127.0.0.1]:\(fixture.server.port) \(fixture.server.hostPublicKey)\n".write(toFile: fixture.server.knownHosts, atomically: true, encoding: .utf8)
        try await Command.check("ssh-keygen", ["-q", "-H", "-f", fixture.server.knownHosts])
        #expect(try String(contentsOfFile: fixture.server.knownHosts, encoding: .utf8).hasPrefix("|1|"))
        let mirror = try await GitMirror.open(fixture.remote, cacheFolder: cache)
        #expect(try await mirror.repository.defaultBranch() == "main")
    }
}

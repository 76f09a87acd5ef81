import Foundation
import Testing
@testable import GitSource

@Suite struct KnownHostsTests {
    /// `ssh-keygen -H` writes OpenSSH's hashed entries (`|1|salt|HMAC-SHA1(salt, host)`): the
    /// real tool's output must match the host it hashed and no other.
    @Test func hashedEntriesFromSSHKeygenMatch() throws {
        let folder = try TemporaryFolder("hashed-known-hosts")
        defer { folder.remove() }
        let file = folder.appending("known_hosts")
        let key = Data([1, 2, 3]).base64EncodedString()
        try "git.example.com ssh-ed25519 \(key)\n[10.0.0.1]:2222 ssh-ed25519 \(key)\n".write(toFile: file, atomically: true, encoding: .utf8)
        try Command.run("/usr/bin/ssh-keygen", ["-H", "-f", file])
        let hashed = try String(contentsOfFile: file, encoding: .utf8)
        #expect(hashed.hasPrefix("|1|") && !hashed.contains("git.example.com"))
        let knownHosts = KnownHosts(hashed)
        #expect(knownHosts.verify(host: "git.example.com", port: 22, key: Data([1, 2, 3])) == .trusted)
        #expect(knownHosts.verify(host: "10.0.0.1", port: 2222, key: Data([1, 2, 3])) == .trusted)
        #expect(knownHosts.verify(host: "git.example.org", port: 22, key: Data([1, 2, 3])) == .unknownHost)
        #expect(knownHosts.verify(host: "10.0.0.1", port: 22, key: Data([1, 2, 3])) == .unknownHost)
    }

    @Test func matchesPlainWildcardNegatedAndPortEntries() {
        let key = Data([1, 2, 3]).base64EncodedString()
        let other = Data([9, 9]).base64EncodedString()
        let knownHosts = KnownHosts("""
            # comment
            git.example.com,10.0.0.1 ssh-ed25519 \(key)
            *.corp.example,!bad.corp.example ssh-ed25519 \(key)
            [git.example.com]:2222 ssh-ed25519 \(other)
            @cert-authority *.example.com ssh-ed25519 \(other)
            @revoked revoked.example ssh-ed25519 \(key)
            revoked.example ssh-ed25519 \(key)
            """)
        let presented = Data([1, 2, 3])
        #expect(knownHosts.verify(host: "git.example.com", port: 22, key: presented) == .trusted)
        #expect(knownHosts.verify(host: "GIT.example.com", port: 22, key: presented) == .trusted)
        #expect(knownHosts.verify(host: "10.0.0.1", port: 22, key: presented) == .trusted)
        #expect(knownHosts.verify(host: "a.corp.example", port: 22, key: presented) == .trusted)
        #expect(knownHosts.verify(host: "bad.corp.example", port: 22, key: presented) == .unknownHost)
        #expect(knownHosts.verify(host: "git.example.com", port: 2222, key: presented) == .mismatch)
        #expect(knownHosts.verify(host: "git.example.com", port: 2222, key: Data([9, 9])) == .trusted)
        #expect(knownHosts.verify(host: "elsewhere.example", port: 22, key: presented) == .unknownHost)
        #expect(knownHosts.verify(host: "revoked.example", port: 22, key: presented) == .mismatch)
    }

    @Test func parsesSSHAddresses() {
        #expect(SSHAddress(url: "ssh://git@example.com/org/repo.git") == SSHAddress(host: "example.com", port: 22))
        #expect(SSHAddress(url: "ssh://git@example.com:2222/org/repo.git") == SSHAddress(host: "example.com", port: 2222))
        #expect(SSHAddress(url: "ssh://[::1]:2200/repo.git") == SSHAddress(host: "::1", port: 2200))
        #expect(SSHAddress(url: "git@github.com:org/repo.git") == SSHAddress(host: "github.com", port: 22))
        #expect(SSHAddress(url: "https://example.com/repo.git") == nil)
        #expect(SSHAddress(url: "/srv/git/repo.git") == nil)
    }
}

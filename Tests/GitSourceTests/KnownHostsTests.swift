import Foundation
import TestSupport
import Testing
@testable import GitSource

@Suite struct KnownHostsTests {
    @Test(arguments: ["", "abc", String(repeating: "mooring ", count: 40)])
    func sha1AgreesWithSha1sum(_ text: String) async throws {
        let folder = try TemporaryFolder("sha1")
        defer { folder.remove() }
        let file = folder.file("input")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let expected = try await Command.check("sha1sum", [file]).split(separator: " ")[0]
        #expect(SHA1.hash(Data(text.utf8)).map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test func hmacSha1MatchesRFC2202() {
        // RFC 2202, test case 2.
        let digest = SHA1.hmac(key: Data("Jefe".utf8), message: Data("what do ya want for nothing?".utf8))
        #expect(digest.map { String(format: "%02x", $0) }.joined() == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
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

import Foundation
import Testing
@testable import GitSource

/// The one type a repository URL travels in: shown redacted, handed to git without secrets in
/// anything stored.
@Suite struct RepositoryLocationTests {
    @Test(arguments: [
        ("http://alice:S3cret@git.example.com/config.git", "http://***@git.example.com/config.git"),
        ("https://ghp_abcdef123@github.com/org/config.git", "https://***@github.com/org/config.git"),
        ("https://gitlab.example.com/config.git?private_token=glpat-xyz&ref=main",
         "https://gitlab.example.com/config.git?private_token=***&ref=main"),
        ("https://h/x.git?access_token=a&token=b&password=c&key=d&api_key=e&X-Amz-Signature=f&mode=g",
         "https://h/x.git?access_token=***&token=***&password=***&key=***&api_key=***&X-Amz-Signature=***&mode=g"),
        ("ssh://git@example.com:2222/config.git", "ssh://git@example.com:2222/config.git"),
        ("ssh://git:hunter22@example.com/config.git", "ssh://git:***@example.com/config.git"),
        ("git@github.com:org/config.git", "git@github.com:org/config.git"),
        ("git://127.0.0.1:9418/config.git", "git://127.0.0.1:9418/config.git"),
        ("/srv/config.git", "/srv/config.git"),
    ])
    func rendersItselfRedacted(written: String, shown: String) {
        let location = RepositoryLocation(written)
        #expect(location.redacted == shown)
        #expect("\(location)" == shown)
        #expect(String(describing: location) == shown)
        var dumped = ""
        dump(location, to: &dumped)
        #expect(!dumped.contains("S3cret") && !dumped.contains("glpat-xyz") && !dumped.contains("ghp_abcdef123"))
    }

    @Test func storedAndTransportFormsCarryNoPassword() {
        let location = RepositoryLocation("http://alice:S3cret@127.0.0.1:8080/config.git?private_token=glpat-xyz")
        #expect(location.transportURL == "http://127.0.0.1:8080/config.git?private_token=glpat-xyz")
        #expect(location.withoutSecrets == "http://127.0.0.1:8080/config.git")
        #expect(location.userInfoCredentials?.username == "alice")
        #expect(location.userInfoCredentials?.password == "S3cret")
        let ssh = RepositoryLocation("ssh://git@example.com/config.git")
        #expect(ssh.transportURL == "ssh://git@example.com/config.git")
        #expect(ssh.userInfoCredentials == nil)
    }

    @Test func scrubsSecretsQuotedBackInMessages() {
        let location = RepositoryLocation("http://alice:S3%40cret@h/x.git?token=tok-123")
        let message = "GET http://alice:S3%40cret@h/x.git?token=tok-123 failed; auth S3@cret refused; token tok-123"
        let scrubbed = location.scrub(message)
        #expect(!scrubbed.contains("S3%40cret") && !scrubbed.contains("S3@cret") && !scrubbed.contains("tok-123"))
        #expect(scrubbed.hasPrefix("GET http://***@h/x.git?token=*** failed"))
    }

    @Test func mirrorFolderIsAHashThatIgnoresCredentials() {
        let withPassword = MirrorFolderName.for(RepositoryLocation("http://alice:S3cret@h/x.git?private_token=t1"))
        let rotated = MirrorFolderName.for(RepositoryLocation("http://alice:Other@h/x.git?private_token=t2"))
        #expect(withPassword == rotated)
        #expect(withPassword.range(of: "^[0-9a-f]{40}\\.git$", options: .regularExpression) != nil)
        #expect(MirrorFolderName.for(RepositoryLocation("http://h/y.git")) != withPassword)
    }

    @Test func relativePathsResolveAgainstTheConfigurationFolder() {
        #expect(RepositoryLocation(".").resolved(against: "/srv/gitops").redacted == "/srv/gitops")
        #expect(RepositoryLocation("../config").resolved(against: "/srv/gitops").redacted == "/srv/config")
        #expect(RepositoryLocation("git@h:x.git").resolved(against: "/srv").redacted == "git@h:x.git")
    }
}

import Foundation
import TestSupport
import Testing
@testable import GitSource

/// Smart HTTP with credentials read from environment variables whose names the caller passes.
@Suite struct HTTPTests {
    /// A config repository served over HTTP with Basic authentication, and variables holding the secrets.
    struct Fixture {
        let folder: TemporaryFolder
        let config: ConfigRepository
        let server: GitHTTPServer
        let userVariable: String, passwordVariable: String, tokenVariable: String

        init(username: String, password: String) async throws {
            folder = try TemporaryFolder("http")
            config = try await ConfigRepository.create(in: folder)
            try config.write("environments/develop/app.yaml", "image: v1\n")
            try await config.commitAndPush("Develop v1")
            server = try await GitHTTPServer.start(projectRoot: config.served, username: username, password: password)
            // Unique names: tests run in parallel in one process.
            let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "")
            userVariable = "MOORING_TEST_USER_\(suffix)"
            passwordVariable = "MOORING_TEST_PASSWORD_\(suffix)"
            tokenVariable = "MOORING_TEST_TOKEN_\(suffix)"
        }

        func stop() {
            server.stop()
            for name in [userVariable, passwordVariable, tokenVariable] { unsetenv(name) }
            folder.remove()
        }
    }

    @Test func clonesFetchesAndPushesWithBasicCredentials() async throws {
        let fixture = try await Fixture(username: "alice", password: "s3cret")
        defer { fixture.stop() }
        setenv(fixture.userVariable, "alice", 1)
        setenv(fixture.passwordVariable, "s3cret", 1)
        let remote = GitRemote(url: fixture.server.url(fixture.config.name),
                               credentials: .basic(usernameVariable: fixture.userVariable, passwordVariable: fixture.passwordVariable))
        let mirror = try await GitMirror.open(remote, cacheFolder: fixture.folder.file("cache"))
        #expect(try await mirror.repository.resolve(nil).hex == (try await fixture.config.git(["rev-parse", "main"])))

        try fixture.config.write("environments/develop/app.yaml", "image: v2\n")
        let second = try await fixture.config.commitAndPush("Develop v2")
        let fetched = try await mirror.fetch()
        #expect(fetched.updatedReferences == ["refs/heads/main"])
        #expect(try await mirror.repository.resolve("main").hex == second)

        let pushed = try #require(try await mirror.repository.commit(
            replacing: "environments/master", with: ["app.yaml": Data("image: v2\n".utf8)], onBranch: "main", message: "Promote v2"))
        try await mirror.push(branch: "main")
        #expect(try await fixture.config.gitBare(["rev-parse", "main"]) == pushed.hex)
    }

    @Test func clonesWithAToken() async throws {
        let fixture = try await Fixture(username: "x-access-token", password: "tok-123")
        defer { fixture.stop() }
        setenv(fixture.tokenVariable, "tok-123", 1)
        let remote = GitRemote(url: fixture.server.url(fixture.config.name), credentials: .token(variable: fixture.tokenVariable))
        let mirror = try await GitMirror.open(remote, cacheFolder: fixture.folder.file("cache"))
        let files = try await mirror.repository.files(under: "environments", at: try await mirror.repository.resolve(nil))
        #expect(files.map(\.path) == ["environments/develop/app.yaml"])
    }

    @Test func missingOrRefusedCredentialsAreOneClearError() async throws {
        let fixture = try await Fixture(username: "x-access-token", password: "right")
        defer { fixture.stop() }
        let url = fixture.server.url(fixture.config.name)
        let cache = fixture.folder.file("cache")

        let anonymous = try await #require(throws: GitError.self) { try await GitMirror.open(GitRemote(url: url), cacheFolder: cache) }
        #expect(anonymous.kind == .authentication)
        #expect(anonymous.description == "cannot fetch \(url): the remote requires authentication and no credentials are configured")

        let unset = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: url, credentials: .token(variable: fixture.tokenVariable)), cacheFolder: cache)
        }
        #expect(unset.kind == .authentication)
        #expect(unset.description == "cannot fetch \(url): environment variable \(fixture.tokenVariable) is not set")

        setenv(fixture.tokenVariable, "wrong", 1)
        let refused = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: url, credentials: .token(variable: fixture.tokenVariable)), cacheFolder: cache)
        }
        #expect(refused.kind == .authentication)
        #expect(refused.description == "cannot fetch \(url): the remote refused the configured credentials")
        #expect(!refused.description.contains("wrong"))
    }

    /// TLS through nginx: untrusted until the test CA is configured, then a normal fetch.
    /// (Trusting a CA is process-wide; no other test uses https.)
    @Test func fetchesOverHTTPSOnceTheServersCAIsTrusted() async throws {
        let fixture = try await Fixture(username: "x-access-token", password: "tls-token")
        defer { fixture.stop() }
        let proxy = try await TLSProxy.start(in: fixture.folder, backendPort: Int(fixture.server.port))
        defer { proxy.stop() }
        setenv(fixture.tokenVariable, "tls-token", 1)
        let url = proxy.url(fixture.config.name)
        let remote = GitRemote(url: url, credentials: .token(variable: fixture.tokenVariable))
        let cache = fixture.folder.file("cache")

        let untrusted = try await #require(throws: GitError.self) { try await GitMirror.open(remote, cacheFolder: cache) }
        #expect(untrusted.kind == .authentication)
        #expect(untrusted.description.hasPrefix("cannot fetch \(url): the SSL certificate is invalid"))
        try GitLibrary.useCertificateAuthorities(file: proxy.caCertificate)
        let mirror = try await GitMirror.open(remote, cacheFolder: cache)
        #expect(try await mirror.repository.resolve(nil).hex == (try await fixture.config.git(["rev-parse", "main"])))
    }
}

import Crypto
import Foundation
import Reconciler
import Testing
@testable import Service

/// The providers' payloads and signatures, checked without a server.
@Suite struct WebhookPayloadTests {
    static let commit = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c"
    let secret = WebhookSecret(Array("It's a Secret to Everybody".utf8), source: .environment("HOOK"))

    /// GitHub's documentation gives this exact pair for testing a receiver: secret "It's a Secret
    /// to Everybody", payload "Hello, World!", and the X-Hub-Signature-256 value below.
    @Test func githubDocumentedSignatureIsAccepted() {
        let body = Array("Hello, World!".utf8)
        let header = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        #expect(SignatureCheck.prefixedHMAC(header, body: body, secret: secret))
        #expect(!SignatureCheck.prefixedHMAC(header, body: Array("Hello, World?".utf8), secret: secret))
        #expect(!SignatureCheck.prefixedHMAC(String(header.dropFirst(7)), body: body, secret: secret), "the sha256= prefix is required")
        #expect(!SignatureCheck.prefixedHMAC("sha256=zz", body: body, secret: secret))
        #expect(!SignatureCheck.prefixedHMAC(nil, body: body, secret: secret))
        // Gitea's header is the same HMAC without a prefix, upper case accepted too.
        #expect(SignatureCheck.hexHMAC(String(header.dropFirst(7)).uppercased(), body: body, secret: secret))
    }

    @Test func gitlabTokenComparesWholeValues() {
        #expect(SignatureCheck.token("It's a Secret to Everybody", secret: secret))
        #expect(!SignatureCheck.token("It's a Secret to Everybod", secret: secret))
        #expect(!SignatureCheck.token("It's a Secret to Everybody!", secret: secret))
        #expect(!SignatureCheck.token(nil, secret: secret))
    }

    @Test func eachProvidersPushIsRead() throws {
        let github = try PushEventParser.parse(.github, event: "push", body: Array(ProviderPayloads.github(
            ref: "refs/heads/develop", after: Self.commit, cloneURL: "https://github.com/platform/config.git").utf8))
        #expect(github == .push(PushEvent(repositoryURLs: ["https://github.com/platform/config.git", "git@github.com:platform/config.git",
                                                           "git://github.com/platform/config.git", "https://github.com/platform/config"],
                                          repositoryPath: "platform/config", ref: "refs/heads/develop", after: Self.commit, defaultBranch: "main")))
        let gitea = try PushEventParser.parse(.gitea, event: "push", body: Array(ProviderPayloads.gitea(
            ref: "refs/heads/main", after: Self.commit, cloneURL: "http://gitea.example.com/platform/config.git").utf8))
        guard case .push(let giteaPush) = gitea else { Issue.record("not a push: \(gitea)"); return }
        #expect(giteaPush.ref == "refs/heads/main" && giteaPush.repositoryPath == "platform/config")
        let gitlab = try PushEventParser.parse(.gitlab, event: "Tag Push Hook", body: Array(ProviderPayloads.gitlab(
            ref: "refs/tags/v1.4.0", after: Self.commit, httpURL: "http://gitlab.example.com/platform/config.git", tag: true).utf8))
        guard case .push(let tag) = gitlab else { Issue.record("not a push: \(gitlab)"); return }
        #expect(tag.ref == "refs/tags/v1.4.0" && tag.defaultBranch == "main" && tag.repositoryURLs.contains("http://gitlab.example.com/platform/config.git"))
        let generic = try PushEventParser.parse(.generic, event: nil, body: Array(#"{"ref":"refs/heads/main"}"#.utf8))
        #expect(generic == .push(PushEvent(repositoryURLs: [], ref: "refs/heads/main")))
    }

    @Test func pingsOtherEventsAndGarbageAreTold() throws {
        #expect(try PushEventParser.parse(.github, event: "ping", body: Array(ProviderPayloads.githubPing.utf8)) == .ping)
        #expect(try PushEventParser.parse(.github, event: "issues", body: Array("{}".utf8)) == .other("issues"))
        #expect(try PushEventParser.parse(.gitlab, event: "Merge Request Hook", body: Array("{}".utf8)) == .other("Merge Request Hook"))
        #expect(throws: WebhookPayloadError.self) { try PushEventParser.parse(.github, event: "push", body: Array("not json".utf8)) }
        #expect(throws: WebhookPayloadError.self) { try PushEventParser.parse(.generic, event: nil, body: Array(#"{"ref":"main"}"#.utf8)) }
    }

    @Test func repositoryURLsOfOneRepositoryMatchWhateverTheirForm() {
        let forms = ["https://github.com/platform/config.git", "git@github.com:platform/config.git", "ssh://git@github.com:22/platform/config",
                     "https://alice:token@GitHub.com/platform/config/", "git://github.com/platform/config.git"]
        let identities = Set(forms.compactMap(RepositoryIdentity.init))
        #expect(identities.count == 1)
        #expect(RepositoryIdentity("https://github.com/platform/config-staging.git") != RepositoryIdentity(forms[0]))
        #expect(RepositoryIdentity("https://gitlab.com/platform/config.git") != RepositoryIdentity(forms[0]))
        #expect(RepositoryIdentity("/srv/git/config.git") == nil)
        #expect(RepositoryIdentity("git://[::1]:9418/config.git") == RepositoryIdentity("git://[::1]/config"))
    }

    @Test func pushesReachTheEnvironmentsFollowingTheirRef() {
        let routing = PushRouting(repositoryURL: "https://github.com/platform/config.git", environments: [
            EnvironmentConfiguration(name: "develop", ref: "develop"),
            EnvironmentConfiguration(name: "master", ref: "refs/heads/master"),
            EnvironmentConfiguration(name: "default"),
            EnvironmentConfiguration(name: "release", ref: "v1.4.0"),
            EnvironmentConfiguration(name: "pinned", ref: Self.commit),
        ])
        func push(_ ref: String, url: String = "git@github.com:platform/config.git", defaultBranch: String? = "main") -> PushEvent {
            PushEvent(repositoryURLs: [url], ref: ref, defaultBranch: defaultBranch)
        }
        #expect(routing.environments(for: push("refs/heads/develop")) == ["develop"])
        #expect(routing.environments(for: push("refs/heads/master")) == ["master"])
        #expect(routing.environments(for: push("refs/heads/main")) == ["default"])
        #expect(routing.environments(for: push("refs/heads/main", defaultBranch: nil)) == ["default"])
        #expect(routing.environments(for: push("refs/heads/feature", defaultBranch: nil)) == ["default"])
        #expect(routing.environments(for: push("refs/tags/v1.4.0")) == ["release"])
        #expect(routing.environments(for: push("refs/heads/develop", url: "https://github.com/platform/other.git")).isEmpty)
        #expect(routing.environments(for: PushEvent(repositoryURLs: [], ref: "refs/heads/develop")).isEmpty)
        #expect(routing.environments(for: PushEvent(repositoryURLs: [], ref: "refs/heads/develop"), generic: true) == ["develop", "default"])
    }

    @Test func secretsLoadFromVariablesAndFilesAndNeverPrint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-secret-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "from-a-file\n".write(toFile: folder + "/gitlab", atomically: true, encoding: .utf8)
        let secrets = try WebhookSecret.load([.github: .environment("HOOK_SECRET"), .gitlab: .file(folder + "/gitlab")],
                                             environment: ["HOOK_SECRET": "from-a-variable"])
        #expect(SignatureCheck.token("from-a-file", secret: secrets[.gitlab]!))
        #expect(SignatureCheck.token("from-a-variable", secret: secrets[.github]!))
        #expect(!"\(secrets)".contains("from-a") && !String(reflecting: secrets[.github]!).contains("from-a"))
        #expect(throws: WebhookSecretError.self) { try WebhookSecret.load([.github: .environment("UNSET")], environment: [:]) }
        let error = #expect(throws: WebhookSecretError.self) { try WebhookSecret.load([.gitea: .file(folder + "/none")], environment: [:]) }
        #expect(error?.description == "webhook secret of gitea: file \(folder)/none cannot be read")
    }
}

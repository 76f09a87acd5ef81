import Crypto
import Foundation
import Logging
import Reconciler
import Testing
@testable import Service

/// The routes over real HTTP (curl against the server on loopback).
@Suite struct ServiceServerTests {
    static let secretText = "webhook-secret-for-tests"
    static let repositoryURL = "https://github.com/platform/config.git"

    func signature(_ body: [UInt8], secret: String = secretText) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    func startHooks(_ trigger: TriggerRecorder, providers: [WebhookProvider] = [.github, .gitlab, .gitea, .generic]) async throws -> RunningServer {
        let secrets = Dictionary(uniqueKeysWithValues: providers.map {
            ($0, WebhookSecret(Array(Self.secretText.utf8), source: .environment("HOOK")))
        })
        let routing = PushRouting(repositoryURL: Self.repositoryURL, environments: [
            EnvironmentConfiguration(name: "develop", ref: "develop"), EnvironmentConfiguration(name: "master", ref: "master"),
        ])
        return try await RunningServer.start([WebhookRoutes(secrets: secrets, routing: routing, trigger: trigger, logger: Logger(label: "test"))])
    }

    @Test func signedPushesOfEveryProviderAreAcceptedAtOnce() async throws {
        let trigger = TriggerRecorder()
        let server = try await startHooks(trigger)
        defer { Task { await server.stop() } }
        let commit = WebhookPayloadTests.commit
        let github = Array(ProviderPayloads.github(ref: "refs/heads/develop", after: commit, cloneURL: Self.repositoryURL).utf8)
        var answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(github)], body: github)
        #expect(answer.httpStatus == 202 && answer.text == "reconciling: develop")
        let gitea = Array(ProviderPayloads.gitea(ref: "refs/heads/master", after: commit, cloneURL: "https://github.com/platform/config").utf8)
        answer = try await server.request("POST", "/hooks/gitea", headers: ["X-Gitea-Event": "push", "X-Gitea-Signature": signature(gitea)], body: gitea)
        #expect(answer.httpStatus == 202)
        let gitlab = Array(ProviderPayloads.gitlab(ref: "refs/heads/develop", after: commit, httpURL: Self.repositoryURL).utf8)
        answer = try await server.request("POST", "/hooks/gitlab", headers: ["X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": Self.secretText], body: gitlab)
        #expect(answer.httpStatus == 202)
        let generic = Array(#"{"ref": "refs/heads/master", "repository": "git@github.com:platform/config.git"}"#.utf8)
        answer = try await server.request("POST", "/hooks/generic", headers: ["X-Mooring-Signature": "sha256=" + signature(generic)], body: generic)
        #expect(answer.httpStatus == 202)
        #expect(trigger.recorded == [["develop"], ["master"], ["develop"], ["master"]])
    }

    @Test func forgedMissingAndOversizedRequestsDoNothing() async throws {
        let trigger = TriggerRecorder()
        let server = try await startHooks(trigger, providers: [.github, .gitlab])
        defer { Task { await server.stop() } }
        let body = Array(ProviderPayloads.github(ref: "refs/heads/develop", after: WebhookPayloadTests.commit, cloneURL: Self.repositoryURL).utf8)
        // Signed with another secret, unsigned, and a wrong GitLab token: 401.
        var answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(body, secret: "guessed")], body: body)
        #expect(answer.httpStatus == 401)
        answer = try await server.request("POST", "/hooks/github", headers: ["X-GitHub-Event": "push"], body: body)
        #expect(answer.httpStatus == 401)
        answer = try await server.request("POST", "/hooks/gitlab", headers: ["X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": "guessed"], body: body)
        #expect(answer.httpStatus == 401)
        // No secret configured for the provider: not served.
        answer = try await server.request("POST", "/hooks/gitea", headers: ["X-Gitea-Event": "push", "X-Gitea-Signature": signature(body)], body: body)
        #expect(answer.httpStatus == 404)
        answer = try await server.request("POST", "/hooks/bitbucket", body: body)
        #expect(answer.httpStatus == 404)
        // Over 1 MiB, correctly signed, announced by Content-Length or streamed in chunks: 413.
        let big = Array(#"{"ref": "refs/heads/develop", "padding": ""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1 << 20) + Array(#""}"#.utf8)
        answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(big)], body: big)
        #expect(answer.httpStatus == 413)
        answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(big)], body: big, chunked: true)
        #expect(answer.httpStatus == 413)
        #expect(trigger.recorded.isEmpty)
    }

    @Test func pingsOtherEventsAndUnfollowedRefsAreAnsweredButTriggerNothing() async throws {
        let trigger = TriggerRecorder()
        let server = try await startHooks(trigger, providers: [.github])
        defer { Task { await server.stop() } }
        let ping = Array(ProviderPayloads.githubPing.utf8)
        var answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "ping", "X-Hub-Signature-256": "sha256=" + signature(ping)], body: ping)
        #expect(answer.httpStatus == 200 && answer.text == "pong")
        let feature = Array(ProviderPayloads.github(ref: "refs/heads/feature", after: WebhookPayloadTests.commit, cloneURL: Self.repositoryURL).utf8)
        answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(feature)], body: feature)
        #expect(answer.httpStatus == 200 && answer.text.hasPrefix("ignored"))
        let other = Array(ProviderPayloads.github(ref: "refs/heads/develop", after: WebhookPayloadTests.commit,
                                                  cloneURL: "https://github.com/platform/another.git").utf8)
        answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(other)], body: other)
        #expect(answer.httpStatus == 200)
        let garbage = Array("not json".utf8)
        answer = try await server.request("POST", "/hooks/github", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": "sha256=" + signature(garbage)], body: garbage)
        #expect(answer.httpStatus == 400)
        #expect(trigger.recorded.isEmpty)
    }

    /// Readiness is the process's, not its clusters': a controller's `/readyz` passes once it
    /// serves (controller-runtime's `healthz.Ping`, fluxcd/pkg `runtime/probes`); here once the
    /// first round looked at every environment, whatever it found.
    @Test func probesAnswerAsKubernetesDoes() async throws {
        let readiness = Readiness()
        readiness.expect(["develop", "master"])
        let server = try await RunningServer.start([HealthRoutes(readiness: readiness)])
        defer { Task { await server.stop() } }
        #expect(try await server.request("GET", "/healthz").httpStatus == 200)
        var answer = try await server.request("GET", "/readyz")
        #expect(answer.httpStatus == 503)
        #expect(answer.httpBody.contains("[-]configuration failed: not loaded") && answer.text.hasSuffix("readyz check failed"))
        readiness.configurationLoaded()
        readiness.fetched(failure: nil)
        readiness.lookedAt("develop")
        answer = try await server.request("GET", "/readyz")
        #expect(answer.httpStatus == 503)
        #expect(answer.httpBody.contains("[-]first-round failed: not looked at yet: master"))
        readiness.lookedAt("master")
        readiness.fetched(failure: "the remote hung up")
        answer = try await server.request("GET", "/readyz")
        #expect(answer.httpStatus == 200, "a later fetch failure keeps the last revision reconciling: still ready")
        #expect(answer.text == "[+]configuration ok\n[+]repository ok\n[+]first-round ok\nreadyz check passed")
    }
}

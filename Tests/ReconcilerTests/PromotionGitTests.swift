import Foundation
import GitSource
import Manifests
import Testing
@testable import Reconciler

/// `Promoter` against real repositories made with the git CLI: one commit on the target's
/// branch touching only its folder, checked with git itself.
@Suite struct PromotionGitTests {
    static let develop = EnvironmentConfiguration(name: "develop")
    static let master = EnvironmentConfiguration(name: "master")

    @Test func commitsOnceOnTheTargetBranchTouchingOnlyItsFolder() async throws {
        let repo = try PromotionGitRepository()
        defer { repo.remove() }
        let before = try repo.git("rev-parse", "main")
        let promoter = Promoter(source: try await repo.source())
        let plan = try await promoter.plan(from: Self.develop, to: Self.master,
                                           rule: PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas")]))
        #expect(plan.targetBranch == "main")
        #expect(plan.targetRevision == before)
        let commit = try #require(try await promoter.commit(plan))
        try await promoter.push(plan)

        #expect(try repo.git("rev-parse", "main") == commit.id.hex)
        #expect(try repo.git("rev-list", "--count", "\(before)..main") == "1")
        let touched = try repo.git("diff", "--name-only", before, "main").split(separator: "\n")
        #expect(touched.sorted() == ["environments/master/configmap.yaml", "environments/master/deployment.yaml",
                                     "environments/master/ingress.yaml"])
        let message = try repo.git("log", "-1", "--format=%B", "main")
        #expect(message.hasPrefix("Promote develop → master\n\nImages:\n  web: ghcr.io/mooring-demo/django-admin:4.2.16-rc.3 (was "))
        #expect(message.contains("Promoted from \(before)."))

        let deployment = try repo.git("show", "main:environments/master/deployment.yaml")
        #expect(deployment.contains("replicas: 2"))
        #expect(deployment.contains("namespace: django-master"))
        #expect(deployment.contains("image: ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"))

        // The same promotion again has nothing left to do.
        let again = try await promoter.plan(from: Self.develop, to: Self.master,
                                            rule: PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas")]))
        #expect(again.isEmpty)
        #expect(try await promoter.commit(again) == nil)
        #expect(try repo.git("rev-parse", "main") == commit.id.hex)
    }

    @Test func writesOnTheTargetsOwnBranch() async throws {
        let repo = try PromotionGitRepository()
        defer { repo.remove() }
        try repo.git("branch", "release")
        let main = try repo.git("rev-parse", "main")
        let master = EnvironmentConfiguration(name: "master", ref: "release")
        let promoter = Promoter(source: try await repo.source())
        let plan = try await promoter.plan(from: Self.develop, to: master, rule: PromotionRule())
        #expect(plan.targetBranch == "release")
        _ = try #require(try await promoter.commit(plan))
        try await promoter.push(plan)
        #expect(try repo.git("rev-parse", "main") == main)
        #expect(try repo.git("rev-list", "--count", "main..release") == "1")
    }

    @Test func aTagIsNoBranchToPromoteTo() async throws {
        let repo = try PromotionGitRepository()
        defer { repo.remove() }
        try repo.git("tag", "v1")
        let promoter = Promoter(source: try await repo.source())
        await #expect(throws: PromotionError.self) {
            _ = try await promoter.plan(from: Self.develop, to: EnvironmentConfiguration(name: "master", ref: "v1"), rule: PromotionRule())
        }
    }
}

/// A temporary bare repository (so pushes are accepted) seeded with the plain-folder sample environments,
/// and a mirror cache folder beside it.
struct PromotionGitRepository {
    let root: String
    var bare: String { root + "/config.git" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-promotion-\(UUID().uuidString)").path
        let work = root + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PromotionSample.root + "/environments", toPath: work + "/environments")
        try Self.run(["-C", work, "init", "-q", "-b", "main"])
        try Self.run(["-C", work, "add", "-A"])
        try Self.run(["-C", work, "commit", "-q", "-m", "sample environments"])
        try Self.run(["clone", "-q", "--bare", work, bare])
    }

    func source() async throws -> GitConfigSource {
        let source = try await GitConfigSource.open(RepositoryConfiguration(url: bare), configDirectory: root,
                                                    cacheFolder: root + "/cache")
        try await source.fetch()
        return source
    }

    @discardableResult
    func git(_ arguments: String...) throws -> String { try Self.run(["-C", bare] + arguments) }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        for role in ["AUTHOR", "COMMITTER"] {
            environment["GIT_\(role)_NAME"] = "Test"
            environment["GIT_\(role)_EMAIL"] = "test@example.com"
        }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PromotionError("git \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

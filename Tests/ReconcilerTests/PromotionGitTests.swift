import Foundation
import GitSource
import Manifests
import TestSupport
import Testing
@testable import Reconciler

/// `Promoter` against real repositories made with the git CLI: one commit on the target's
/// branch touching only its folder, checked with git itself.
@Suite struct PromotionGitTests {
    static let develop = EnvironmentConfiguration(name: "develop")
    static let master = EnvironmentConfiguration(name: "master")

    @Test func commitsOnceOnTheTargetBranchTouchingOnlyItsFolder() async throws {
        let repo = try await PromotionGitRepository.create()
        let before = try await repo.git("rev-parse", "main")
        let promoter = Promoter(source: try await repo.source())
        let plan = try await promoter.plan(from: Self.develop, to: Self.master,
                                           rule: PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas")]))
        #expect(plan.targetBranch == "main")
        #expect(plan.targetRevision == before)
        let commit = try #require(try await promoter.commit(plan))
        try await promoter.push(plan)

        #expect(try await repo.git("rev-parse", "main") == commit.id.hex)
        #expect(try await repo.git("rev-list", "--count", "\(before)..main") == "1")
        let touched = try await repo.git("diff", "--name-only", before, "main").split(separator: "\n")
        #expect(touched.sorted() == ["environments/master/configmap.yaml", "environments/master/deployment.yaml",
                                     "environments/master/ingress.yaml"])
        let message = try await repo.git("log", "-1", "--format=%B", "main")
        #expect(message.hasPrefix("Promote develop → master\n\nImages:\n  web: ghcr.io/mooring-demo/django-admin:4.2.16-rc.3 (was "))
        #expect(message.contains("Promoted from \(before)."))

        let deployment = try await repo.git("show", "main:environments/master/deployment.yaml")
        #expect(deployment.contains("replicas: 2"))
        #expect(deployment.contains("namespace: django-master"))
        #expect(deployment.contains("image: ghcr.io/mooring-demo/django-admin:4.2.16-rc.3"))

        // The same promotion again has nothing left to do.
        let again = try await promoter.plan(from: Self.develop, to: Self.master,
                                            rule: PromotionRule(keep: [try KeepPath(parsing: "Deployment:/spec/replicas")]))
        #expect(again.isEmpty)
        #expect(try await promoter.commit(again) == nil)
        #expect(try await repo.git("rev-parse", "main") == commit.id.hex)
    }

    @Test func writesOnTheTargetsOwnBranch() async throws {
        let repo = try await PromotionGitRepository.create()
        try await repo.git("branch", "release")
        let main = try await repo.git("rev-parse", "main")
        let master = EnvironmentConfiguration(name: "master", ref: "release")
        let promoter = Promoter(source: try await repo.source())
        let plan = try await promoter.plan(from: Self.develop, to: master, rule: PromotionRule())
        #expect(plan.targetBranch == "release")
        _ = try #require(try await promoter.commit(plan))
        try await promoter.push(plan)
        #expect(try await repo.git("rev-parse", "main") == main)
        #expect(try await repo.git("rev-list", "--count", "main..release") == "1")
    }

    @Test func aTagIsNoBranchToPromoteTo() async throws {
        let repo = try await PromotionGitRepository.create()
        try await repo.git("tag", "v1")
        let promoter = Promoter(source: try await repo.source())
        await #expect(throws: PromotionError.self) {
            _ = try await promoter.plan(from: Self.develop, to: EnvironmentConfiguration(name: "master", ref: "v1"), rule: PromotionRule())
        }
    }
}

/// A repository seeded with the plain-folder sample environments, whose bare side (what pushes
/// reach) the tests inspect with git, and a mirror cache folder beside it.
struct PromotionGitRepository {
    let repository: ConfigRepository

    static func create() async throws -> PromotionGitRepository {
        PromotionGitRepository(repository: try await ConfigRepository.create(
            seed: (PromotionSample.root + "/environments", "environments")))
    }

    func source() async throws -> GitConfigSource {
        let source = try await GitConfigSource.open(RepositoryConfiguration(url: repository.barePath),
                                                    configDirectory: repository.folder.path,
                                                    cacheFolder: repository.folder.file("cache"))
        try await source.fetch()
        return source
    }

    /// git in the bare repository.
    @discardableResult
    func git(_ arguments: String...) async throws -> String { try await repository.gitBare(arguments) }
}

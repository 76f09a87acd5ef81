import Foundation
import Testing
@testable import GitSource

@Suite struct HistoryTests {
    @Test func logsTheCommitsThatTouchedAPathBetweenTwoRevisions() async throws {
        let folder = try TemporaryFolder("log")
        defer { folder.remove() }
        let config = try ConfigRepository(in: folder)
        try config.write("environments/develop/a.yaml", "a: 1\n")
        let start = try config.commit("develop 1")
        try config.write("environments/master/a.yaml", "a: 1\n")
        try config.commit("master 1")
        try config.write("environments/develop/nested/b.yaml", "b: 1\n")
        let developTwo = try config.commit("develop 2")
        try config.write("README.md", "changed\n")
        try config.commit("readme")
        try config.write("environments/develop/a.yaml", "a: 2\n")
        let developThree = try config.commitAndPush("develop 3")

        let mirror = try await GitMirror.open(GitRemote(url: config.barePath), cacheFolder: folder.appending("cache"))
        let repository = mirror.repository
        let from = try await repository.resolve(start)
        let to = try await repository.resolve("main")
        let develop = try await repository.log(touching: "environments/develop", from: from, to: to)
        #expect(develop.map(\.id.hex) == [developThree, developTwo])
        #expect(develop.map(\.summary) == ["develop 3", "develop 2"])
        let everything = try await repository.log(touching: nil, from: from, to: to)
        #expect(everything.map(\.summary) == ["develop 3", "readme", "develop 2", "master 1"])
        let all = try await repository.log(touching: "environments/develop", from: nil, to: to)
        #expect(all.map(\.summary) == ["develop 3", "develop 2", "develop 1"])
        // The git CLI agrees.
        let cli = try config.git(["log", "--first-parent", "--format=%H", "\(start)..main", "--", "environments/develop"])
        #expect(develop.map(\.id.hex) == cli.split(separator: "\n").map(String.init))
    }

    @Test func detectsARevertByItsMessage() async throws {
        let folder = try TemporaryFolder("revert-message")
        defer { folder.remove() }
        let config = try ConfigRepository(in: folder)
        try config.write("environments/master/app.yaml", "image: v1\n")
        try config.commit("v1")
        try config.write("environments/master/app.yaml", "image: v2\n")
        let bad = try config.commit("v2")
        try config.write("environments/develop/app.yaml", "image: v3\n")
        try config.commit("develop v3")
        try config.git(["revert", "--no-edit", bad])
        let revert = try config.git(["rev-parse", "HEAD"])
        try config.push()

        let mirror = try await GitMirror.open(GitRemote(url: config.fileURL), cacheFolder: folder.appending("cache"))
        let repository = mirror.repository
        let detection = try await repository.revertDetection(of: try await repository.resolve(revert), path: "environments/master")
        #expect(detection == .reverts(ObjectID(hex: bad)!))
        #expect(detection.isRollback)
        // The same commit does not roll back an environment it does not touch.
        #expect(try await repository.revertDetection(of: try await repository.resolve(revert), path: "environments/develop") == .none)
        // An ordinary change is no rollback.
        #expect(try await repository.revertDetection(of: try await repository.resolve(bad), path: "environments/master") == .none)
    }

    @Test func detectsACommitThatRestoresAnEarlierTree() async throws {
        let folder = try TemporaryFolder("revert-tree")
        defer { folder.remove() }
        let config = try ConfigRepository(in: folder)
        try config.write("environments/master/app.yaml", "image: v1\n")
        try config.commit("v1")
        try config.write("environments/master/app.yaml", "image: v2\n")
        let good = try config.commit("v2")
        try config.write("README.md", "unrelated\n")
        let unrelated = try config.commit("unrelated")  // same master tree as `good`, more recent
        try config.write("environments/master/app.yaml", "image: v3-broken\n")
        try config.commit("v3")
        try config.write("environments/master/app.yaml", "image: v2\n")
        let handMade = try config.commit("Go back to v2 by hand")
        try config.write("environments/master/app.yaml", "image: v4\n")
        let fresh = try config.commitAndPush("v4")

        let mirror = try await GitMirror.open(GitRemote(url: config.fileURL), cacheFolder: folder.appending("cache"))
        let repository = mirror.repository
        let detection = try await repository.revertDetection(of: try await repository.resolve(handMade), path: "environments/master")
        #expect(detection == .returnsTo(ObjectID(hex: unrelated)!))
        #expect(detection != .returnsTo(ObjectID(hex: good)!))
        #expect(try await repository.revertDetection(of: try await repository.resolve(fresh), path: "environments/master") == .none)
        // A search depth too small to reach the earlier commit finds nothing.
        #expect(try await repository.revertDetection(of: try await repository.resolve(handMade), path: "environments/master", searchDepth: 0) == .none)
    }
}

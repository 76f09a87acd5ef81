import Foundation
import TestSupport
import Testing
@testable import GitSource

@Suite struct HistoryTests {
    @Test func logsTheCommitsThatTouchedAPathBetweenTwoRevisions() async throws {
        let folder = try TemporaryFolder("log")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try config.write("environments/develop/a.yaml", "a: 1\n")
        let start = try await config.commit("develop 1")
        try config.write("environments/master/a.yaml", "a: 1\n")
        try await config.commit("master 1")
        try config.write("environments/develop/nested/b.yaml", "b: 1\n")
        let developTwo = try await config.commit("develop 2")
        try config.write("README.md", "changed\n")
        try await config.commit("readme")
        try config.write("environments/develop/a.yaml", "a: 2\n")
        let developThree = try await config.commitAndPush("develop 3")

        let mirror = try await GitMirror.open(GitRemote(url: config.barePath), cacheFolder: folder.file("cache"))
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
        let cli = try await config.git(["log", "--first-parent", "--format=%H", "\(start)..main", "--", "environments/develop"])
        #expect(develop.map(\.id.hex) == cli.split(separator: "\n").map(String.init))
    }
}

import Foundation
import TestSupport
import Testing
@testable import GitSource

@Suite struct ReadingTests {
    /// A mirror of a repository with a nested environment, a symlink, tags and three commits.
    struct Fixture {
        let folder: TemporaryFolder
        let config: ConfigRepository
        let mirror: GitMirror
        let first: String, second: String, third: String

        init() async throws {
            folder = try TemporaryFolder("reading")
            config = try await ConfigRepository.create(in: folder)
            try config.write("environments/develop/deployment.yaml", "replicas: 1\n")
            try config.write("environments/develop/config/settings.yaml", "DEBUG: \"true\"\n")
            try config.write("environments/develop/config/deep/nested.json", "{}\n")
            try config.symlink("environments/develop/shared.yaml", to: "../common/shared.yaml")
            try config.write("environments/common/shared.yaml", "shared: yes\n")
            try config.write("environments/master/deployment.yaml", "replicas: 2\n")
            first = try await config.commit("Add environments")
            try await config.git(["tag", "light"])
            try config.write("environments/develop/deployment.yaml", "replicas: 3\n")
            // Author and committer told apart, as `readsCommitMetadata` reads them.
            try await config.git(["add", "-A"])
            try await Git(in: config.work).run(["commit", "--quiet", "-m", "Scale develop"], environment: [
                "GIT_AUTHOR_NAME": "Test Author", "GIT_AUTHOR_EMAIL": "author@example.com", "GIT_COMMITTER_NAME": "Test Committer"])
            second = try await config.git(["rev-parse", "HEAD"])
            try await config.git(["tag", "-a", "v2.0", "-m", "Release 2.0"])
            try config.write("environments/master/deployment.yaml", "replicas: 4\n")
            third = try await config.commit("Scale master")
            try await config.push()
            try await config.git(["push", "--quiet", "origin", "light"])
            mirror = try await GitMirror.open(GitRemote(url: config.fileURL), cacheFolder: folder.file("cache"))
        }
    }

    @Test func resolvesBranchesTagsAndIds() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        #expect(try await repository.resolve("main").hex == fixture.third)
        #expect(try await repository.resolve(nil).hex == fixture.third)
        #expect(try await repository.resolve("light").hex == fixture.first)
        #expect(try await repository.resolve("v2.0").hex == fixture.second)  // annotated: peeled to its commit
        #expect(try await repository.resolve(fixture.first).hex == fixture.first)
        #expect(try await repository.resolve(String(fixture.second.prefix(8))).hex == fixture.second)
        #expect(try await repository.resolve("refs/tags/light").hex == fixture.first)
        #expect(try await repository.resolve("main~1").hex == fixture.second)
    }

    @Test func readsEveryFileUnderAPathWithoutACheckout() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        let files = try await repository.files(under: "environments/develop", at: try await repository.resolve("main"))
        #expect(files.map(\.path) == [
            "environments/develop/config/deep/nested.json",
            "environments/develop/config/settings.yaml",
            "environments/develop/deployment.yaml",
            "environments/develop/shared.yaml",
        ])
        #expect(files[1].data == Data("DEBUG: \"true\"\n".utf8))
        #expect(files[2].data == Data("replicas: 3\n".utf8))
        #expect(files[3].content == .symlink(target: "../common/shared.yaml"))

        // An older revision, and a path given with slashes around it.
        let old = try await repository.files(under: "/environments/develop/", at: try await repository.resolve("light"))
        #expect(old.first { $0.path.hasSuffix("deployment.yaml") }?.data == Data("replicas: 1\n".utf8))
        // A single file.
        let single = try await repository.files(under: "environments/master/deployment.yaml", at: try await repository.resolve("v2.0"))
        #expect(single == [TreeFile(path: "environments/master/deployment.yaml", content: .blob(Data("replicas: 2\n".utf8)))])
        // The whole tree.
        let all = try await repository.files(under: "", at: try await repository.resolve("main"))
        #expect(all.count == 7)
    }

    @Test func treeIDsTellWhetherAnEnvironmentChanged() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        let first = try await repository.resolve(fixture.first)
        let second = try await repository.resolve(fixture.second)
        let third = try await repository.resolve(fixture.third)
        let developAtSecond = try await repository.treeID(of: "environments/develop", at: second)
        #expect(developAtSecond?.hex == (try await fixture.config.git(["rev-parse", "\(fixture.second):environments/develop"])))
        #expect(try await repository.treeID(of: "environments/develop", at: third) == developAtSecond)
        #expect(try await repository.treeID(of: "environments/develop", at: first) != developAtSecond)
        #expect(try await repository.treeID(of: "environments/nope", at: third) == nil)
    }

    @Test func readsCommitMetadata() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        let commit = try await repository.commit(try await repository.resolve(fixture.second))
        #expect(commit.id.hex == fixture.second)
        #expect(commit.shortID == String(fixture.second.prefix(7)))
        #expect(commit.summary == "Scale develop")
        #expect(commit.message == "Scale develop\n")
        #expect(commit.author.name == "Test Author")
        #expect(commit.author.email == "author@example.com")
        #expect(commit.committer.name == "Test Committer")
        #expect(commit.parents.map(\.hex) == [fixture.first])
        let authorTime = try await fixture.config.git(["log", "-1", "--format=%at", fixture.second])
        #expect(Int(commit.time.timeIntervalSince1970) == Int(authorTime))
    }

    @Test func servesManyConcurrentReadersFromOneRepository() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        let revisions = [fixture.first, fixture.second, fixture.third]
        let expected = try await revisions.asyncMap { try await repository.files(under: "environments", at: try await repository.resolve($0)) }
        try await withThrowingTaskGroup(of: (Int, [TreeFile]).self) { group in
            for index in 0..<60 {
                group.addTask {
                    let revision = revisions[index % 3]
                    return (index % 3, try await repository.files(under: "environments", at: try await repository.resolve(revision)))
                }
            }
            for try await (which, files) in group {
                #expect(files == expected[which])
            }
        }
    }

    @Test func mirrorsAWorkingRepositoryGivenByARelativePath() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        // The work clone (not bare), named relative to the current directory.
        let relative = String(repeating: "../", count: FileManager.default.currentDirectoryPath.split(separator: "/").count)
            + fixture.config.work.dropFirst()
        let mirror = try await GitMirror.open(GitRemote(url: relative), cacheFolder: fixture.folder.file("cache2"))
        #expect(try await mirror.repository.resolve(nil).hex == fixture.third)
        #expect(try await mirror.repository.resolve("light").hex == fixture.first)
        // The same repository named by its absolute path shares the mirror.
        let absolute = try await GitMirror.open(GitRemote(url: fixture.config.work), cacheFolder: fixture.folder.file("cache2"))
        #expect(absolute.folder == mirror.folder)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

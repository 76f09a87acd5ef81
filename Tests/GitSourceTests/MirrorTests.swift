import Foundation
import TestSupport
import Testing
@testable import GitSource

@Suite struct MirrorTests {
    @Test(arguments: ["path", "file", "git"])
    func clonesAMirrorWithAllBranchesAndTags(via transport: String) async throws {
        let folder = try TemporaryFolder("mirror-\(transport)")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try config.write("environments/develop/app.yaml", "replicas: 1\n")
        let head = try await config.commitAndPush("Add develop")
        try await config.git(["tag", "v1"])
        try await config.git(["push", "--quiet", "origin", "v1", "main:refs/heads/release"])

        var daemon: GitDaemon?
        defer { daemon?.stop() }
        let url: String
        switch transport {
        case "path": url = config.barePath
        case "file": url = config.fileURL
        default:
            daemon = try await GitDaemon.start(basePath: config.served)
            url = daemon!.url(config.name)
        }

        let mirror = try await GitMirror.open(GitRemote(url: url), cacheFolder: folder.file("cache"))
        #expect(FileManager.default.fileExists(atPath: mirror.folder + "/HEAD"))
        #expect(try await mirror.repository.resolve("main").hex == head)
        #expect(try await mirror.repository.resolve("release").hex == head)
        #expect(try await mirror.repository.resolve("v1").hex == head)
        #expect(try await mirror.repository.defaultBranch() == "main")
        // The git CLI sees a proper bare mirror.
        let refs = try await Git(in: mirror.folder).run(["for-each-ref", "--format=%(refname)"])
        #expect(refs.split(separator: "\n").sorted() == ["refs/heads/main", "refs/heads/release", "refs/tags/v1"])
        #expect(try await Git(in: mirror.folder).run(["config", "remote.origin.mirror"]) == "true")
    }

    @Test func laterPollsFetchOnlyNewObjectsIntoTheSameMirror() async throws {
        let folder = try TemporaryFolder("incremental")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        for index in 1...5 {
            try config.write("environments/develop/file\(index).yaml", "index: \(index)\n")
        }
        let first = try await config.commitAndPush("Five files")
        let daemon = try await GitDaemon.start(basePath: config.served)
        defer { daemon.stop() }
        let remote = GitRemote(url: daemon.url(config.name))
        let cache = folder.file("cache")

        let mirror = try await GitMirror.open(remote, cacheFolder: cache)
        let packsAfterClone = try packFiles(in: mirror.folder)
        #expect(packsAfterClone.count == 1)

        // Nothing new: nothing received, no reference moved.
        let idle = try await mirror.fetch()
        #expect(idle.receivedObjects == 0)
        #expect(!idle.changed)

        try config.write("environments/develop/file3.yaml", "index: 33\n")
        let second = try await config.commitAndPush("Change one file")
        let expectedObjects = try await config.git(["rev-list", "--objects", "\(first)..\(second)"]).split(separator: "\n").count

        // A new handle on the same cache folder reuses the mirror (no clone), then fetches.
        let reopened = try await GitMirror.open(remote, cacheFolder: cache)
        #expect(reopened.folder == mirror.folder)
        let result = try await reopened.fetch()
        #expect(result.receivedObjects == expectedObjects)  // commit, 3 trees, 1 blob
        #expect(result.updatedReferences == ["refs/heads/main"])
        let packsAfterFetch = try packFiles(in: mirror.folder)
        #expect(packsAfterFetch.count == 2)
        #expect(packsAfterFetch.isSuperset(of: packsAfterClone))
        #expect(try await reopened.repository.resolve("main").hex == second)
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        #expect(entries == [URL(fileURLWithPath: mirror.folder).lastPathComponent, URL(fileURLWithPath: mirror.folder).lastPathComponent + ".lock"])
    }

    @Test func fetchPrunesDeletedBranchesAndFollowsTheDefaultBranch() async throws {
        let folder = try TemporaryFolder("prune")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try await config.git(["push", "--quiet", "origin", "main:refs/heads/feature", "main:refs/heads/trunk"])
        let mirror = try await GitMirror.open(GitRemote(url: config.barePath), cacheFolder: folder.file("cache"))
        _ = try await mirror.repository.resolve("feature")

        try await config.git(["push", "--quiet", "origin", ":refs/heads/feature"])
        try await config.gitBare(["symbolic-ref", "HEAD", "refs/heads/trunk"])
        let result = try await mirror.fetch()
        #expect(result.defaultBranch == "trunk")
        #expect(try await mirror.repository.defaultBranch() == "trunk")
        await #expect(throws: GitError.self) { try await mirror.repository.resolve("feature") }
    }

    private func packFiles(in mirror: String) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: mirror + "/objects/pack").filter { $0.hasSuffix(".pack") })
    }
}

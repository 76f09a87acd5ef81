import Foundation
import TestSupport
import Testing
@testable import GitSource

@Suite struct ErrorTests {
    @Test func aMissingRevisionIsOneClearError() async throws {
        let folder = try TemporaryFolder("missing-ref")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        let mirror = try await GitMirror.open(GitRemote(url: config.fileURL), cacheFolder: folder.file("cache"))
        let error = try await #require(throws: GitError.self) { try await mirror.repository.resolve("no-such-branch") }
        #expect(error.kind == .notFound)
        #expect(error.description == "cannot resolve revision 'no-such-branch' in \(config.fileURL): no branch, tag or commit has that name")
    }

    @Test func aMissingPathIsOneClearError() async throws {
        let folder = try TemporaryFolder("missing-path")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        let mirror = try await GitMirror.open(GitRemote(url: config.fileURL), cacheFolder: folder.file("cache"))
        let head = try await mirror.repository.resolve("main")
        let error = try await #require(throws: GitError.self) {
            try await mirror.repository.files(under: "environments/staging", at: head)
        }
        #expect(error.kind == .notFound)
        #expect(error.description == "cannot read environments/staging at \(head.short) in \(config.fileURL): no such file or folder at that revision")
        let climbing = try await #require(throws: GitError.self) { try await mirror.repository.files(under: "../etc", at: head) }
        #expect(climbing.kind == .invalidArgument)
    }

    @Test func anUnreachableRepositoryIsOneClearError() async throws {
        let folder = try TemporaryFolder("unreachable")
        defer { folder.remove() }
        let port = try LoopbackPort.free()  // released again: nothing listens there
        let url = "git://127.0.0.1:\(port)/nope.git"
        let error = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: url), cacheFolder: folder.file("cache"))
        }
        #expect(error.kind == .unreachable)
        #expect(error.description == "cannot fetch \(url): failed to connect to 127.0.0.1: Connection refused")
        // A failed clone leaves nothing behind but the mirror's lock file (an flock, released by
        // the kernel), so the next poll tries again cleanly.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("cache")).filter { !$0.hasSuffix(".lock") }.isEmpty)
    }

    @Test func aMisspelledRepositoryIsOneClearError() async throws {
        let folder = try TemporaryFolder("misspelled")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        let daemon = try await GitDaemon.start(basePath: config.served)
        defer { daemon.stop() }
        let url = daemon.url("cnofig")
        let error = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: url), cacheFolder: folder.file("cache"))
        }
        #expect(error.kind == .unreachable)
        #expect(error.description == "cannot fetch \(url): remote error: access denied or repository not exported: /cnofig.git")

        let missingPath = folder.file("served/cnofig.git")
        let local = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: missingPath), cacheFolder: folder.file("cache"))
        }
        #expect(local.kind == .notFound)
        #expect(local.description == "cannot fetch \(missingPath): no such repository: the path does not exist")
        let missingFileURL = "file://" + missingPath
        let viaFileURL = try await #require(throws: GitError.self) {
            try await GitMirror.open(GitRemote(url: missingFileURL), cacheFolder: folder.file("cache"))
        }
        #expect(viaFileURL.description == "cannot fetch \(missingFileURL): failed to resolve path '\(missingPath)': No such file or directory")
    }
}

@Suite struct EmptyRepositoryTests {
    @Test func anEmptyRepositoryClonesButHasNoDefaultRevision() async throws {
        let folder = try TemporaryFolder("empty")
        defer { folder.remove() }
        let bare = folder.file("empty.git")
        try await Git(in: folder.path).run(["init", "--quiet", "--bare", bare])
        let mirror = try await GitMirror.open(GitRemote(url: bare), cacheFolder: folder.file("cache"))
        let error = try await #require(throws: GitError.self) { try await mirror.repository.resolve(nil) }
        #expect(error.kind == .notFound)
        #expect(error.description.hasPrefix("cannot resolve the default branch of \(bare): refs/heads/"))
        #expect(error.description.hasSuffix(" has no commits"))
    }

    @Test func twoHandlesOnOneMirrorFetchWithoutRacing() async throws {
        let folder = try TemporaryFolder("two-handles")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        let cache = folder.file("cache")
        let remote = GitRemote(url: config.fileURL)
        _ = try await GitMirror.open(remote, cacheFolder: cache)
        let first = try await GitMirror.open(remote, cacheFolder: cache)
        let second = try await GitMirror.open(remote, cacheFolder: cache)
        for round in 1...5 {
            try config.write("environments/develop/app.yaml", "round: \(round)\n")
            let head = try await config.commitAndPush("Round \(round)")
            async let a = first.fetch()
            async let b = second.fetch()
            _ = try await (a, b)
            #expect(try await first.repository.resolve("main").hex == head)
            #expect(try await second.repository.resolve("main").hex == head)
        }
    }
}

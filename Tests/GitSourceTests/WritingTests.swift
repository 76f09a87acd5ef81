import Foundation
import TestSupport
import Testing
@testable import GitSource

@Suite struct WritingTests {
    @Test func revertsACommitAndPushesItToTheDaemon() async throws {
        let folder = try TemporaryFolder("revert-push")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try config.write("environments/master/app.yaml", "image: v1\n")
        try await config.commit("Release v1")
        try config.write("environments/master/app.yaml", "image: v2\n")
        let bad = try await config.commit("Release v2")
        try config.write("environments/develop/app.yaml", "image: v3\n")
        try await config.commitAndPush("Develop v3")
        let daemon = try await GitDaemon.start(basePath: config.served)
        defer { daemon.stop() }

        let mirror = try await GitMirror.open(GitRemote(url: daemon.url(config.name)), cacheFolder: folder.file("cache"))
        let author = GitSignature(name: "Mooring Bot", email: "bot@mooring.dev")
        let revert = try await mirror.repository.revert(try await mirror.repository.resolve(bad), onBranch: "main", author: author)
        let files = try await mirror.repository.files(under: "environments", at: revert)
        #expect(files.first { $0.path == "environments/master/app.yaml" }?.data == Data("image: v1\n".utf8))
        #expect(files.first { $0.path == "environments/develop/app.yaml" }?.data == Data("image: v3\n".utf8))
        try await mirror.push(branch: "main")

        // The server's repository now ends with exactly what `git revert` would have written.
        #expect(try await config.gitBare(["rev-parse", "main"]) == revert.hex)
        #expect(try await config.gitBare(["log", "-1", "--format=%B", "main"]) == "Revert \"Release v2\"\n\nThis reverts commit \(bad).")
        #expect(try await config.gitBare(["log", "-1", "--format=%an <%ae>", "main"]) == "Mooring Bot <bot@mooring.dev>")
        #expect(try await config.gitBare(["show", "main:environments/master/app.yaml"]) == "image: v1")
        #expect(try await config.gitBare(["rev-parse", "main~1"]) == (try await config.git(["rev-parse", "main"])))
    }

    @Test func aConflictingRevertIsAClearError() async throws {
        let folder = try TemporaryFolder("revert-conflict")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try config.write("environments/master/app.yaml", "image: v1\n")
        try await config.commit("v1")
        try config.write("environments/master/app.yaml", "image: v2\n")
        let old = try await config.commit("v2")
        try config.write("environments/master/app.yaml", "image: v3\n")
        let before = try await config.commitAndPush("v3")
        let mirror = try await GitMirror.open(GitRemote(url: config.barePath), cacheFolder: folder.file("cache"))
        let error = try await #require(throws: GitError.self) {
            try await mirror.repository.revert(try await mirror.repository.resolve(old), onBranch: "main")
        }
        #expect(error.kind == .conflict)
        #expect(error.description.contains("conflicts in environments/master/app.yaml"))
        #expect(error.description.hasPrefix("cannot revert \(old.prefix(7)) on main"))
        #expect(try await mirror.repository.resolve("main").hex == before)  // nothing moved
    }

    @Test func replacesAnEnvironmentFolderInOneCommitAndPushesIt() async throws {
        let folder = try TemporaryFolder("replace")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try config.write("environments/develop/app.yaml", "image: v9\n")
        try config.write("environments/develop/extra/config.yaml", "debug: true\n")
        try config.write("environments/master/app.yaml", "image: v1\n")
        try config.write("environments/master/old.yaml", "stale: true\n")
        try await config.commitAndPush("Two environments")
        let daemon = try await GitDaemon.start(basePath: config.served)
        defer { daemon.stop() }
        let mirror = try await GitMirror.open(GitRemote(url: daemon.url(config.name)), cacheFolder: folder.file("cache"))
        let repository = mirror.repository

        let head = try await repository.resolve("main")
        let develop = try await repository.files(under: "environments/develop", at: head)
        var promoted: [String: Data] = [:]
        for file in develop { promoted[String(file.path.dropFirst("environments/develop/".count))] = file.data }
        let commit = try #require(try await repository.commit(
            replacing: "environments/master", with: promoted, onBranch: "main", message: "Promote develop to master\n"))
        try await mirror.push(branch: "main")

        #expect(try await config.gitBare(["log", "-1", "--format=%s", "main"]) == "Promote develop to master")
        #expect(try await config.gitBare(["rev-parse", "main"]) == commit.hex)
        #expect(try await config.gitBare(["ls-tree", "-r", "--name-only", "main", "environments/master"])
                == "environments/master/app.yaml\nenvironments/master/extra/config.yaml")
        #expect(try await config.gitBare(["rev-parse", "main:environments/master"]) == (try await config.gitBare(["rev-parse", "main:environments/develop"])))
        #expect(try await config.gitBare(["rev-parse", "main:README.md"]) == (try await config.gitBare(["rev-parse", "main~1:README.md"])))

        // Replacing with the same files again changes nothing and makes no commit.
        #expect(try await repository.commit(replacing: "environments/master", with: promoted, onBranch: "main", message: "again") == nil)
        // A new folder deep down is created; an empty set removes a folder.
        let created = try #require(try await repository.commit(
            replacing: "environments/staging/eu", with: ["a.yaml": Data("a: 1\n".utf8)], onBranch: "main", message: "staging"))
        #expect(try await repository.files(under: "environments/staging", at: created).map(\.path) == ["environments/staging/eu/a.yaml"])
        let removed = try #require(try await repository.commit(replacing: "environments/staging", with: [:], onBranch: "main", message: "drop"))
        #expect(try await repository.treeID(of: "environments/staging", at: removed) == nil)
        #expect(try await repository.treeID(of: "environments", at: removed) == (try await repository.treeID(of: "environments", at: commit)))
    }

    @Test func aPushOfABranchThatMovedOnTheRemoteIsRejected() async throws {
        let folder = try TemporaryFolder("rejected")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        try config.write("environments/master/app.yaml", "image: v1\n")
        let v1 = try await config.commitAndPush("v1")
        let daemon = try await GitDaemon.start(basePath: config.served)
        defer { daemon.stop() }
        let url = daemon.url(config.name)
        let mirror = try await GitMirror.open(GitRemote(url: url), cacheFolder: folder.file("cache"))
        _ = try #require(try await mirror.repository.commit(
            replacing: "environments/master", with: ["app.yaml": Data("image: v2\n".utf8)], onBranch: "main", message: "v2"))

        // Someone else pushes first.
        try config.write("environments/master/app.yaml", "image: hotfix\n")
        let hotfix = try await config.commitAndPush("hotfix")
        // Without fetching, the mirror does not even have the remote's new commit.
        let stale = try await #require(throws: GitError.self) { try await mirror.push(branch: "main") }
        #expect(stale.kind == .pushRejected)
        #expect(stale.description.hasPrefix("cannot push refs/heads/main to \(url): "))

        // After a fetch (the mirror's branch follows the remote's again), the remote's branch is
        // moved to a commit the mirror knows but does not build on: non-fast-forward.
        try await config.git(["checkout", "--quiet", "-b", "feature", v1])
        try config.write("environments/master/app.yaml", "image: feature\n")
        let feature = try await config.commit("feature")
        try await config.git(["push", "--quiet", "origin", "feature"])
        try await mirror.fetch()
        #expect(try await mirror.repository.resolve("main").hex == hotfix)
        _ = try #require(try await mirror.repository.commit(
            replacing: "environments/master", with: ["app.yaml": Data("image: v3\n".utf8)], onBranch: "main", message: "v3"))
        try await config.gitBare(["update-ref", "refs/heads/main", feature])
        let rejected = try await #require(throws: GitError.self) { try await mirror.push(branch: "main") }
        #expect(rejected.kind == .pushRejected)
        #expect(rejected.description == "cannot push refs/heads/main to \(url): cannot push non-fastforwardable reference (the remote branch has moved on; fetch and retry)")
        #expect(try await config.gitBare(["rev-parse", "main"]) == feature)
    }

    @Test func aPushRefusedByAServerHookCarriesTheRemotesReason() async throws {
        let folder = try TemporaryFolder("hook")
        defer { folder.remove() }
        let config = try await ConfigRepository.create(in: folder)
        let before = try await config.git(["rev-parse", "main"])
        let hook = config.barePath + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'main is frozen' >&2\nexit 1\n".write(toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let daemon = try await GitDaemon.start(basePath: config.served)
        defer { daemon.stop() }
        let url = daemon.url(config.name)
        let mirror = try await GitMirror.open(GitRemote(url: url), cacheFolder: folder.file("cache"))
        _ = try #require(try await mirror.repository.commit(
            replacing: "environments/master", with: ["app.yaml": Data("image: v2\n".utf8)], onBranch: "main", message: "v2"))
        let error = try await #require(throws: GitError.self) { try await mirror.push(branch: "main") }
        #expect(error.kind == .pushRejected)
        #expect(error.description == "cannot push refs/heads/main to \(url): the remote rejected it: pre-receive hook declined (remote: main is frozen)")
        #expect(try await config.gitBare(["rev-parse", "main"]) == before)
    }
}

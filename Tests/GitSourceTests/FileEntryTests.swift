import Foundation
import Testing
@testable import GitSource

/// Single entries and exports: a revision's files written to disk from the object database, as
/// rendering with kustomize needs them, with symlinks reported rather than followed.
@Suite struct FileEntryTests {
    struct Fixture {
        let folder: TemporaryFolder
        let mirror: GitMirror
        let first: CommitID, second: CommitID

        init() async throws {
            folder = try TemporaryFolder("export")
            let config = try ConfigRepository(in: folder)
            try config.write("environments/base/kustomization.yaml", "resources: [deployment.yaml]\n")
            try config.write("environments/base/deployment.yaml", "kind: Deployment\n")
            try config.write("environments/base/scripts/hook.sh", "#!/bin/sh\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: config.work + "/environments/base/scripts/hook.sh")
            try config.symlink("environments/develop/base", to: "../base")
            try config.write("environments/develop/kustomization.yaml", "resources: [../base]\n")
            try config.write("environments/develop/empty.yaml", "")
            let first = try config.commit("Add environments")
            try config.write("environments/develop/kustomization.yaml", "resources: [../base]\nnamespace: dev\n")
            let second = try config.commit("Name develop's namespace")
            try config.push()
            mirror = try await GitMirror.open(GitRemote(url: config.fileURL), cacheFolder: folder.appending("cache"))
            self.first = CommitID(hex: first)!
            self.second = CommitID(hex: second)!
        }
    }

    @Test func entriesAreLookedUpByPathWithoutFollowingSymlinks() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        #expect(try await repository.entry(at: "environments/base", in: fixture.second)?.kind == .folder)
        #expect(try await repository.entry(at: "environments/base/scripts/hook.sh", in: fixture.second)?.kind == .file(executable: true))
        #expect(try await repository.entry(at: "environments/develop/base", in: fixture.second)?.kind == .symlink(target: "../base"))
        #expect(try await repository.entry(at: "environments/develop/base/deployment.yaml", in: fixture.second) == nil)
        #expect(try await repository.entry(at: "environments/missing", in: fixture.second) == nil)
        #expect(try await repository.entry(at: "", in: fixture.second)?.kind == .folder)

        let before = try await repository.entry(at: "environments/develop", in: fixture.first)
        let after = try await repository.entry(at: "environments/develop", in: fixture.second)
        #expect(before?.id != after?.id)
        #expect(try await repository.entry(at: "environments/base", in: fixture.first)?.id
                == repository.entry(at: "environments/base", in: fixture.second)?.id)

        let listed = try await repository.entries(under: "environments/develop", in: fixture.first)
        #expect(listed.map(\.path) == ["environments/develop/base", "environments/develop/empty.yaml", "environments/develop/kustomization.yaml"])
        #expect(listed.first?.kind == .symlink(target: "../base"))
        #expect(try await repository.entries(under: "environments", in: fixture.first).filter { $0.kind == .folder }.map(\.path)
                == ["environments/base", "environments/base/scripts", "environments/develop"])
        #expect(try await repository.entries(under: "README.md", in: fixture.first).isEmpty)

        let kustomization = try #require(try await repository.entry(at: "environments/develop/kustomization.yaml", in: fixture.second))
        #expect(try await repository.blob(kustomization.id) == Array("resources: [../base]\nnamespace: dev\n".utf8))
    }

    @Test func exportWritesFilesFoldersAndSymlinksAtTheirRepositoryPaths() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        let target = fixture.folder.appending("out")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)

        let symlinks = try await repository.export("environments/develop", at: fixture.first, into: target)
        #expect(symlinks == [TreeFile(path: "environments/develop/base", content: .symlink(target: "../base"))])
        #expect(try String(contentsOfFile: target + "/environments/develop/kustomization.yaml", encoding: .utf8) == "resources: [../base]\n")
        #expect(FileManager.default.contents(atPath: target + "/environments/develop/empty.yaml") == Data())
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target + "/environments/develop/base") == "../base")
        #expect(!FileManager.default.fileExists(atPath: target + "/environments/base"))  // not exported, so the link dangles

        _ = try await repository.export("environments/base", at: fixture.first, into: target)
        #expect(FileManager.default.fileExists(atPath: target + "/environments/develop/base/deployment.yaml"))
        #expect(FileManager.default.isExecutableFile(atPath: target + "/environments/base/scripts/hook.sh"))
        let folderMode = try FileManager.default.attributesOfItem(atPath: target + "/environments")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)

        // A single file, and one that already exists: export never overwrites.
        _ = try await repository.export("README.md", at: fixture.first, into: target)
        #expect(FileManager.default.fileExists(atPath: target + "/README.md"))
        let again = await #expect(throws: GitError.self) {
            try await repository.export("environments/base/deployment.yaml", at: fixture.first, into: target)
        }
        #expect(again?.reason.contains("File exists") == true)
        let missing = await #expect(throws: GitError.self) {
            try await repository.export("environments/nope", at: fixture.first, into: target)
        }
        #expect(missing?.kind == .notFound)
    }
}

extension FileEntryTests {
    @Test func committingOneFileChangesOnlyItAndKeepsItsMode() async throws {
        let fixture = try await Fixture()
        defer { fixture.folder.remove() }
        let repository = fixture.mirror.repository
        let before = try await repository.resolve("main")
        let commit = try #require(try await repository.commit(
            updating: "environments/develop/kustomization.yaml", with: Data("resources: [../base]\nnamespace: dev2\n".utf8),
            onBranch: "main", message: "develop: namespace dev2"))
        #expect(try await repository.resolve("main") == commit)
        #expect(try await repository.commit(commit).parents == [before])
        // Everything else is the same tree entry as before, the symlink included.
        for path in ["environments/base", "environments/develop/base", "environments/develop/empty.yaml", "README.md"] {
            #expect(try await repository.entry(at: path, in: commit) == repository.entry(at: path, in: before))
        }
        let changed = try #require(try await repository.entry(at: "environments/develop/kustomization.yaml", in: commit))
        #expect(try await repository.blob(changed.id) == Array("resources: [../base]\nnamespace: dev2\n".utf8))

        // An executable keeps its bit; a new file gets its folders; the same bytes commit nothing.
        let script = try #require(try await repository.commit(
            updating: "environments/base/scripts/hook.sh", with: Data("#!/bin/sh\nexit 0\n".utf8), onBranch: "main", message: "hook"))
        #expect(try await repository.entry(at: "environments/base/scripts/hook.sh", in: script)?.kind == .file(executable: true))
        let added = try #require(try await repository.commit(
            updating: "environments/new/kustomization.yaml", with: Data("resources: []\n".utf8), onBranch: "main", message: "new"))
        #expect(try await repository.entry(at: "environments/new/kustomization.yaml", in: added)?.kind == .file(executable: false))
        #expect(try await repository.commit(
            updating: "environments/new/kustomization.yaml", with: Data("resources: []\n".utf8), onBranch: "main", message: "again") == nil)
        let symlink = await #expect(throws: GitError.self) {
            try await repository.commit(updating: "environments/develop/base", with: Data(), onBranch: "main", message: "x")
        }
        #expect(symlink?.reason == "environments/develop/base is not a regular file")
    }
}

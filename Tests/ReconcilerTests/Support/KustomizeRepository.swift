import Foundation
import GitSource
import Manifests
import TestSupport
@testable import Reconciler

/// A config repository made with the git CLI for kustomize tests: a work tree to write and
/// commit in, pushed to a bare repository that a `GitConfigSource` mirrors.
struct KustomizeRepository {
    let root: String
    var work: String { root + "/work" }
    var bare: String { root + "/config.git" }

    /// Creates the repository with `files` (path → text) and `symlinks` (path → target) as its
    /// first commit on `main`.
    static func make(_ files: [String: String], symlinks: [String: String] = [:]) async throws -> KustomizeRepository {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-kustomize-test-\(UUID().uuidString)").path
        let repository = KustomizeRepository(root: root)
        try FileManager.default.createDirectory(atPath: repository.work, withIntermediateDirectories: true)
        try await repository.git("init", "-q", "-b", "main")
        try await repository.git("init", "-q", "--bare", "-b", "main", repository.bare)
        try await repository.git("remote", "add", "origin", repository.bare)
        try repository.write(files, symlinks: symlinks)
        try await repository.commit("first")
        return repository
    }

    func write(_ files: [String: String], symlinks: [String: String] = [:]) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: work + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        for (path, target) in symlinks {
            let url = URL(fileURLWithPath: work + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: url)
            try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
        }
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: work + "/" + path, encoding: .utf8)
    }

    /// Commits everything and pushes `main`; returns the commit id.
    @discardableResult
    func commit(_ message: String) async throws -> String {
        try await git("add", "-A")
        try await git("commit", "-q", "--allow-empty", "-m", message)
        try await git("push", "-q", "origin", "main")
        return try await git("rev-parse", "HEAD")
    }

    /// A source over the bare repository, fetched.
    func source(render: RenderSettings = RenderSettings(), environments: [EnvironmentConfiguration] = []) async throws -> GitConfigSource {
        let configuration = MooringConfiguration(repository: RepositoryConfiguration(url: bare), environments: environments, render: render)
        let source = try await GitConfigSource.open(configuration, configDirectory: root, cacheFolder: root + "/cache")
        try await source.fetch()
        return source
    }

    @discardableResult
    func git(_ arguments: String...) async throws -> String {
        try await Git(in: work).run(arguments)
    }

    /// The real `kubectl kustomize` on the work tree, as parsed objects.
    func kubectlKustomize(_ overlay: String) async throws -> [JSON] {
        try await SampleOverlays.kustomize(work + "/" + overlay)
    }

    /// Writes an executable script (for a stand-in kustomize binary) and returns its path.
    func script(_ name: String, _ body: String) throws -> String {
        let path = root + "/bin/" + name
        try FileManager.default.createDirectory(atPath: root + "/bin", withIntermediateDirectories: true)
        try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

import ChildProcess
import Foundation
import GitSource
import Manifests
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
        var request = ChildProcess("/usr/bin/git", arguments, environment: Self.gitEnvironment, workingDirectory: work)
        request.timeout = .seconds(60)
        let result = try await request.run()
        guard result.succeeded else { throw KustomizeRepositoryError(message: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The real `kubectl kustomize` on the work tree, as parsed objects.
    func kubectlKustomize(_ overlay: String) async throws -> [JSON] {
        var request = ChildProcess("kubectl", ["kustomize", work + "/" + overlay, "--load-restrictor", "LoadRestrictionsNone"])
        request.timeout = .seconds(120)
        let result = try await request.run()
        guard result.succeeded else { throw KustomizeRepositoryError(message: "kubectl kustomize \(overlay): \(result.stderr)") }
        return try YAML.load(bytes: result.standardOutput, file: "kubectl kustomize").map(\.value)
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

    static let gitEnvironment: [String: String?] = [
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
    ]
}

struct KustomizeRepositoryError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

import ChildProcess
import Foundation
import Manifests

/// A temporary git repository of kustomize files with a `mooring.yaml` whose one environment,
/// `app`, is an overlay of it: what the built `mooring` binary and the real `kubectl kustomize`
/// both render, to compare.
struct KustomizeWorkTree {
    let root: String
    var config: String { root + "/mooring.yaml" }

    static let binary: String = Harness.projectRoot + "/.build/debug/mooring"

    /// Commits `files` (and `symlinks`, path → target) with a configuration naming `overlay`.
    static func make(_ files: [String: String], symlinks: [String: String] = [:], overlay: String,
                     configuration extra: String = "") async throws -> KustomizeWorkTree {
        let tree = KustomizeWorkTree(root: TemporaryFolder.make("kustomize"))
        var all = files
        all["mooring.yaml"] = "repository:\n  url: .\n\(extra)environments:\n  app:\n    path: \(overlay)\n"
        try tree.write(all, symlinks: symlinks)
        try await tree.run("/usr/bin/git", ["init", "-q", "-b", "main"])
        try await tree.commit("fixture")
        return tree
    }

    func write(_ files: [String: String], symlinks: [String: String] = [:]) throws {
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
        for (path, target) in symlinks {
            let full = root + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        }
    }

    func commit(_ message: String) async throws {
        try await run("/usr/bin/git", ["add", "-A"])
        try await run("/usr/bin/git", ["commit", "-q", "-m", message])
    }

    /// `mooring <arguments> --config <this tree's mooring.yaml>`.
    func mooring(_ arguments: [String]) async throws -> ChildProcessResult {
        try await execute(Self.binary, arguments + ["--config", config])
    }

    /// The real `kubectl kustomize` of a folder of the work tree, as parsed objects.
    func kubectlKustomize(_ folder: String, loadRestrictor: String = "LoadRestrictionsNone") async throws -> [JSON] {
        let result = try await execute("kubectl", ["kustomize", root + "/" + folder, "--load-restrictor", loadRestrictor])
        guard result.succeeded else { throw FixtureError("kubectl kustomize \(folder): \(result.stderr)") }
        return try YAML.load(bytes: result.standardOutput, file: "kubectl kustomize").map(\.value)
    }

    @discardableResult
    func run(_ program: String, _ arguments: [String]) async throws -> String {
        let result = try await execute(program, arguments)
        guard result.succeeded else { throw FixtureError("\(program) \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    func execute(_ program: String, _ arguments: [String]) async throws -> ChildProcessResult {
        var request = ChildProcess(program, arguments, environment: [
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null",
            "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
        ], workingDirectory: root)
        request.timeout = .seconds(180)
        return try await request.run()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

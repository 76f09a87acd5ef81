import Foundation
import Manifests
import TestSupport

/// A temporary git repository of kustomize files with a `mooring.yaml` whose one environment,
/// `app`, is an overlay of it: what the built `mooring` binary and the real `kubectl kustomize`
/// both render, to compare.
struct KustomizeWorkTree {
    let root: String
    var config: String { root + "/mooring.yaml" }

    /// Commits `files` (and `symlinks`, path → target) with a configuration naming `overlay`.
    static func make(_ files: [String: String], symlinks: [String: String] = [:], overlay: String,
                     configuration extra: String = "") async throws -> KustomizeWorkTree {
        let tree = KustomizeWorkTree(root: TemporaryFolder.make("kustomize"))
        var all = files
        all["mooring.yaml"] = "repository:\n  url: .\n\(extra)environments:\n  app:\n    path: \(overlay)\n"
        try tree.write(all, symlinks: symlinks)
        try await Git(in: tree.root).run(["init", "-q", "-b", "main"])
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
        try await Git(in: root).run(["add", "-A"])
        try await Git(in: root).run(["commit", "-q", "-m", message])
    }

    /// `mooring <arguments> --config <this tree's mooring.yaml>`.
    func mooring(_ arguments: [String]) async throws -> CommandResult {
        try await MooringBinary.run(arguments + ["--config", config], timeout: .seconds(180))
    }

    /// The real `kubectl kustomize` of a folder of the work tree, as parsed objects.
    func kubectlKustomize(_ folder: String, loadRestrictor: String = "LoadRestrictionsNone") async throws -> [JSON] {
        let output = try await Command.check("kubectl", ["kustomize", root + "/" + folder, "--load-restrictor", loadRestrictor],
                                             timeout: .seconds(180))
        return try YAML.load(output, file: "kubectl kustomize").map(\.value)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

import Foundation
import GitSource
import Manifests

/// A private temporary folder (mode 0700) holding the parts of a revision one kustomize build
/// reads, written straight from git's object database at their repository paths, so
/// `../../base` resolves as in a checkout. Removed by ``remove()`` whatever happened.
///
/// Every kustomization file is written as Mooring parsed and checked it (its first document,
/// re-serialised), so kustomize reads exactly the references that were checked; the overlay's
/// also asks for `buildMetadata: [originAnnotations]`, which is how objects keep their source file.
struct RenderWorkspace {
    /// The folder standing for the repository's root.
    let root: String

    static func create() throws -> RenderWorkspace {
        var template = Array((NSTemporaryDirectory() + "mooring-kustomize-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw KustomizeError.buildFailed(kustomization: "", message: "cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        return RenderWorkspace(root: String(cString: made))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The folder of a repository path inside the workspace.
    func path(of repositoryPath: String) -> String {
        repositoryPath.isEmpty ? root : root + "/" + repositoryPath
    }

    /// Writes every root of `inputs`, then the checked kustomization files over the exported ones.
    /// - Returns: whether the origin annotation was added (and so must be stripped from the output).
    func write(_ inputs: KustomizeInputs, from tree: RevisionTree) async throws -> Bool {
        for entry in inputs.roots {
            _ = try await tree.repository.export(entry.path, at: tree.revision, into: root)
        }
        var addedOrigins = false
        for (index, kustomization) in inputs.kustomizations.enumerated() {
            guard var document = kustomization.document else { continue }  // empty: kustomize says so
            if index == 0 { addedOrigins = Self.requestOrigins(in: &document) }
            let destination = path(of: kustomization.storedAt)
            try? FileManager.default.removeItem(atPath: destination)
            guard FileManager.default.createFile(atPath: destination, contents: Data(YAML.dump(document).utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw KustomizeError.buildFailed(kustomization: kustomization.path, message: "cannot write it to the temporary folder")
            }
        }
        return addedOrigins
    }

    /// Adds `originAnnotations` to `buildMetadata`; `false` when the kustomization asks for it itself.
    static func requestOrigins(in document: inout JSON) -> Bool {
        guard case .object(var object) = document else { return false }
        var options = object["buildMetadata"]?.arrayValue ?? []
        if options.contains(.string(KustomizeOutput.originOption)) { return false }
        options.append(.string(KustomizeOutput.originOption))
        object["buildMetadata"] = .array(options)
        document = .object(object)
        return true
    }
}

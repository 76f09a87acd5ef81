import Foundation
import Manifests
import TestSupport

/// The repository's own sample, `environments/base` with the `develop` and `master` overlays,
/// rendered from disk by the real `kubectl kustomize` (what Mooring runs on a revision's tree).
enum SampleOverlays {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func render(_ environment: String) async throws -> RenderedEnvironment {
        let output = try await Command.check("kubectl", ["kustomize", root + "/environments/" + environment])
        return try ManifestRenderer.render(files: [SourceFile(path: "environments/\(environment)/build.yaml", content: .file(Array(output.utf8)))],
                                           environmentPath: "environments/\(environment)")
    }

    /// The real `kubectl kustomize` of a folder (references outside it allowed), as parsed objects.
    static func kustomize(_ folder: String) async throws -> [JSON] {
        let output = try await Command.check("kubectl", ["kustomize", folder, "--load-restrictor", "LoadRestrictionsNone"])
        return try YAML.load(output, file: "kubectl kustomize").map(\.value)
    }
}

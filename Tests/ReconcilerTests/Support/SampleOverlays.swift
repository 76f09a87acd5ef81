import ChildProcess
import Foundation
import Manifests

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
        var kustomize = ChildProcess("kubectl", ["kustomize", root + "/environments/" + environment])
        kustomize.timeout = .seconds(120)
        let result = try await kustomize.run()
        guard result.succeeded else { throw KustomizeRepositoryError(message: "kubectl kustomize \(environment): \(result.stderr)") }
        return try ManifestRenderer.render(files: [SourceFile(path: "environments/\(environment)/build.yaml", content: .file(result.standardOutput))],
                                           environmentPath: "environments/\(environment)")
    }
}

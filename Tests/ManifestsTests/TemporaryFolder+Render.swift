import TestSupport
@testable import Manifests

extension TemporaryFolder {
    /// Renders `environment` from this folder exactly as `mooring` renders a working copy.
    func render(_ environment: String) throws -> RenderedEnvironment {
        let files = try DirectorySource(root: path).files(under: environment)
        return try ManifestRenderer.render(files: files, environmentPath: environment)
    }
}

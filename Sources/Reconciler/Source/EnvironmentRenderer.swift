import GitSource
import Manifests

/// Renders an environment's folder at a revision: plain manifests, or a kustomize overlay
/// (chosen by `render:` or by the kustomization file the folder holds), through the cache.
struct EnvironmentRenderer: Sendable {
    let settings: RenderSettings
    /// Explicit `render:` choices by normalised environment path.
    let modes: [String: RenderMode]
    let cache: RenderCache

    /// - Parameter cache: by default room for two renderings of every environment (the current
    ///   revision and the one before), so a thousand environments do not evict each other.
    init(settings: RenderSettings, environments: [EnvironmentConfiguration], cache: RenderCache? = nil) {
        self.settings = settings
        var modes: [String: RenderMode] = [:]
        for environment in environments {
            if let mode = environment.render { modes[Self.normalized(environment.path)] = modes[Self.normalized(environment.path)] ?? mode }
        }
        self.modes = modes
        self.cache = cache ?? RenderCache(capacity: max(32, environments.count * 2))
    }

    /// The mode `path` renders with at the tree's revision.
    func mode(of path: String, in tree: RevisionTree) async throws -> RenderMode {
        if let mode = modes[Self.normalized(path)] { return mode }
        return try await KustomizeInputs.isKustomization(Self.normalized(path), in: tree) ? .kustomize : .plain
    }

    /// - Parameter cached: `false` renders a plain folder afresh, with its field lines (the cache
    ///   keeps renderings without them); a kustomize overlay's objects have none, so it is read
    ///   through the cache either way.
    func render(_ path: String, in tree: RevisionTree, cached: Bool = true) async throws -> RenderedEnvironment {
        let folder = Self.normalized(path)
        switch try await mode(of: folder, in: tree) {
        case .plain:
            guard cached, let entry = try await tree.repository.entry(at: folder, in: tree.revision) else { return try await renderPlain(folder, in: tree) }
            return try await cache.rendering("plain \(folder) \(entry.id.hex)") { try await renderPlain(folder, in: tree) }
        case .kustomize:
            let inputs = try await KustomizeInputs.find(overlay: folder, in: tree)
            let tool = try KustomizeTool.locate(settings.kustomize)
            return try await cache.rendering("kustomize \(tool.executable) \(inputs.overlay) \(inputs.fingerprint)") {
                try await KustomizeRenderer(tool: tool, settings: settings.kustomize).render(inputs, from: tree)
            }
        }
    }

    /// The overlay at `path` rendered as it would be with its kustomization file's text replaced
    /// (a promotion's edit, before it is committed). The text must name the same files; not cached.
    func render(_ path: String, in tree: RevisionTree, kustomizationText text: String) async throws -> RenderedEnvironment {
        var inputs = try await KustomizeInputs.find(overlay: Self.normalized(path), in: tree)
        let top = inputs.kustomizations[0]
        let edited = try KustomizationFile(path: top.path, storedAt: top.storedAt, bytes: Array(text.utf8))
        guard edited.references.map(\.value) == top.references.map(\.value) else {
            throw KustomizeError.buildFailed(kustomization: top.path, message: "the edited kustomization names other files than the committed one")
        }
        inputs.kustomizations[0] = edited
        let tool = try KustomizeTool.locate(settings.kustomize)
        return try await KustomizeRenderer(tool: tool, settings: settings.kustomize).render(inputs, from: tree)
    }

    /// The overlay's kustomization file: where it is found, where its content is stored (they
    /// differ when it is a symlink), and its text.
    func kustomization(of path: String, in tree: RevisionTree) async throws -> (path: String, storedAt: String, text: String) {
        let inputs = try await KustomizeInputs.find(overlay: Self.normalized(path), in: tree)
        let top = inputs.kustomizations[0]
        guard case .found(let entry) = try await tree.resolve(top.storedAt) else { throw KustomizeError.folderNotFound(folder: top.storedAt) }
        return (top.path, top.storedAt, String(decoding: try await tree.bytes(of: entry), as: UTF8.self))
    }

    /// What the rendering of `path` reads, as one comparable string: the folder's tree id for a
    /// plain folder, the overlay's input fingerprint for kustomize; `nil` when the path is
    /// missing or cannot be followed. Equal strings mean equal renderings.
    func inputsKey(of path: String, in tree: RevisionTree) async throws -> String? {
        let folder = Self.normalized(path)
        guard let entry = try await tree.repository.entry(at: folder, in: tree.revision) else { return nil }
        guard try await mode(of: folder, in: tree) == .kustomize else { return entry.id.hex }
        guard let inputs = try? await KustomizeInputs.find(overlay: folder, in: tree) else { return entry.id.hex }
        return inputs.roots.count == 1 && inputs.roots[0].path == inputs.overlay ? entry.id.hex : "kustomize " + inputs.fingerprint
    }

    private func renderPlain(_ folder: String, in tree: RevisionTree) async throws -> RenderedEnvironment {
        let files = try await tree.repository.files(under: folder, at: tree.revision).map(GitConfigSource.sourceFile)
        return try ManifestRenderer.render(files: files, environmentPath: folder)
    }

    static func normalized(_ path: String) -> String {
        RevisionTree.components(path).joined(separator: "/")
    }
}

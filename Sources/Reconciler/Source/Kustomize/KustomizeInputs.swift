import GitSource
import Manifests

/// Every part of the repository one kustomize build reads, found before kustomize runs by
/// following the overlay's kustomization through its bases, components, patches and generator
/// files, and the symlinks inside them.
///
/// Following them refuses what must never reach kustomize: remote references (nothing is
/// fetched), paths and symlinks leaving the repository, Helm charts. What is found is both what
/// gets written to disk for kustomize and the rendering's cache key: an unrelated commit changes
/// none of these trees, so it never re-runs kustomize.
struct KustomizeInputs: Sendable {
    /// The overlay's folder (canonical repository path).
    var overlay: String
    /// The overlay's kustomization file, which errors name.
    var kustomizationFile: String
    /// Every kustomization file read, the overlay's first.
    var kustomizations: [KustomizationFile]
    /// The folders and files read, none inside another, by path.
    var roots: [TreeEntry]

    /// Equal fingerprints mean kustomize reads identical content: `path@id` of every root.
    var fingerprint: String {
        roots.map { "\($0.path)@\($0.id.hex)" }.joined(separator: " ")
    }

    /// Follows the kustomization in `folder` at the tree's revision.
    static func find(overlay folder: String, in tree: RevisionTree) async throws -> KustomizeInputs {
        guard case .found(let entry) = try await tree.resolve(folder), entry.kind == .folder else {
            throw KustomizeError.folderNotFound(folder: folder)
        }
        var walk = InputWalk(tree: tree)
        try await walk.visitKustomization(entry)
        guard let top = walk.kustomizationFiles.first else { throw KustomizeError.noKustomization(folder: folder) }
        try await walk.followSymlinks()
        return KustomizeInputs(overlay: entry.path, kustomizationFile: top.path,
                               kustomizations: walk.kustomizationFiles, roots: walk.minimalRoots())
    }

    /// Whether `folder` holds a kustomization file at the tree's revision (how `render` is detected).
    static func isKustomization(_ folder: String, in tree: RevisionTree) async throws -> Bool {
        for name in KustomizationFile.names {
            if try await tree.repository.entry(at: RevisionTree.joined(folder, name) ?? name, in: tree.revision) != nil { return true }
        }
        return false
    }
}

/// The state of one walk: what has been visited and what must be written.
private struct InputWalk {
    let tree: RevisionTree
    var visitedFolders: Set<String> = []
    var roots: [String: TreeEntry] = [:]
    var kustomizationFiles: [KustomizationFile] = []

    init(tree: RevisionTree) {
        self.tree = tree
    }

    /// Reads the kustomization of `folder` and follows what it names.
    mutating func visitKustomization(_ folder: TreeEntry) async throws {
        guard visitedFolders.insert(folder.path).inserted else { return }
        roots[folder.path] = folder
        for name in KustomizationFile.names {
            let path = RevisionTree.joined(folder.path, name) ?? name
            guard case .found(let entry) = try await tree.resolve(path), case .file = entry.kind else { continue }
            roots[entry.path] = roots[entry.path] ?? entry
            // Named by where kustomize finds it; read from where it really is.
            let file = try KustomizationFile(path: path, storedAt: entry.path, bytes: try await tree.bytes(of: entry))
            kustomizationFiles.append(file)
            for reference in file.references {
                try await follow(reference, from: folder.path)
            }
        }
    }

    private mutating func follow(_ reference: KustomizationFile.Reference, from folder: String) async throws {
        if RemoteReference.isAddress(reference.value) {
            throw KustomizeError.remoteReference(reference.location, field: reference.field, reference: reference.value)
        }
        switch try await tree.resolve(reference.value, from: folder) {
        case .found(let entry):
            switch (entry.kind, reference.expectation) {
            case (.folder, .resource), (.folder, .kustomization), (.folder, .plugin):
                try await visitKustomization(entry)
            case (.file, .plugin):
                roots[entry.path] = entry
                let documents: [YAMLDocument]
                do { documents = try YAML.load(bytes: try await tree.bytes(of: entry), file: entry.path) } catch let error as YAMLError {
                    throw KustomizeError.unreadableKustomization(error)
                }
                for nested in try PluginConfiguration.references(in: documents, field: reference.field) {
                    try await follow(nested, from: folder)
                }
            case (.submodule, _):
                throw KustomizeError.missingReference(reference.location, field: reference.field, reference: reference.value)
            default:
                roots[entry.path] = entry  // a file, or a folder where a file belongs: kustomize says what is wrong
            }
        case .missing:
            if RemoteReference.looksRemote(reference.value) {
                throw KustomizeError.remoteReference(reference.location, field: reference.field, reference: reference.value)
            }
            throw KustomizeError.missingReference(reference.location, field: reference.field, reference: reference.value)
        case .outside(let link?, let target):
            throw KustomizeError.symlinkEscapes(link: link, target: target ?? reference.value)
        case .outside(nil, _):
            throw KustomizeError.outsideRepository(reference.location, field: reference.field, reference: reference.value)
        case .symlinkLoop(let link):
            throw KustomizeError.symlinkLoop(link: link)
        }
    }

    /// Adds the targets of symlinks inside the folders to write (they are written as symlinks, so
    /// their targets must be there too), refusing any that leave the repository. Repeats until
    /// a round adds no folder.
    mutating func followSymlinks() async throws {
        var listed: Set<String> = []
        while true {
            let folders = minimalRoots().filter { $0.kind == .folder && !listed.contains($0.path) }
            if folders.isEmpty { return }
            for folder in folders {
                listed.insert(folder.path)
                for entry in try await tree.entries(under: folder.path) {
                    guard case .symlink(let target) = entry.kind else { continue }
                    switch try await tree.resolve(entry.path) {
                    case .found(let resolved): roots[resolved.path] = roots[resolved.path] ?? resolved
                    case .outside(let link, let linkTarget): throw KustomizeError.symlinkEscapes(link: link ?? entry.path, target: linkTarget ?? target)
                    case .missing, .symlinkLoop: continue  // written as is; kustomize fails only if it reads it
                    }
                }
            }
        }
    }

    /// The roots with every path inside another root's folder left out, by path.
    func minimalRoots() -> [TreeEntry] {
        let sorted = roots.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        var kept: [TreeEntry] = []
        for entry in sorted {
            let covered = kept.contains { $0.kind == .folder && ($0.path.isEmpty || entry.path.hasPrefix($0.path + "/") || entry.path == $0.path) }
            if !covered { kept.append(entry) }
        }
        return kept
    }
}

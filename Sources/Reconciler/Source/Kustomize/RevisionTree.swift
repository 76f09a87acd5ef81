import GitSource
import Manifests

/// A revision's tree read path by path, with symlinks resolved the way the filesystem would
/// resolve them in a checkout, but never beyond the repository: what kustomize would see, decided
/// before anything is written to disk.
///
/// `environments/develop/base/../patch.yaml` where `base` links to `../base` resolves, as on
/// disk, to `environments/patch.yaml`: a `..` after a symlink climbs from the link's target.
struct RevisionTree: Sendable {
    let repository: GitRepository
    let revision: CommitID

    static let maximumSymlinkHops = 40

    /// Where a path leads.
    enum Resolution: Equatable {
        /// An entry, at its canonical path (no symlink in it).
        case found(TreeEntry)
        /// Nothing there at this revision.
        case missing
        /// It climbs above the repository's root, is absolute, or goes through a symlink that
        /// does (`link` is that symlink; `nil` when the path itself climbs out).
        case outside(link: String?, target: String?)
        /// Symlinks pointing at each other.
        case symlinkLoop(link: String)
    }

    /// Resolves `path` (relative to `folder`, both repository-relative) component by component.
    func resolve(_ path: String, from folder: String = "") async throws -> Resolution {
        if path.hasPrefix("/") { return .outside(link: nil, target: nil) }
        var pending = Self.components(path)[...]
        var resolved = Self.components(folder)
        var current = TreeEntry?.none
        var hops = 0
        while let part = pending.popFirst() {
            if part == ".." {
                guard !resolved.isEmpty else { return .outside(link: nil, target: nil) }
                resolved.removeLast()
                current = nil
                continue
            }
            let candidate = (resolved + [part]).joined(separator: "/")
            guard let entry = try await repository.entry(at: candidate, in: revision) else { return .missing }
            switch entry.kind {
            case .symlink(let target):
                hops += 1
                if hops > Self.maximumSymlinkHops { return .symlinkLoop(link: candidate) }
                if target.hasPrefix("/") { return .outside(link: candidate, target: target) }
                // The target is relative to the link's folder, which `resolved` still names.
                if Self.climbsOut(target, fromDepth: resolved.count) { return .outside(link: candidate, target: target) }
                pending = Self.components(target)[...] + pending
                current = nil
            case .file, .submodule:
                guard pending.isEmpty else { return .missing }
                resolved.append(part)
                current = entry
            case .folder:
                resolved.append(part)
                current = entry
            }
        }
        if let current { return .found(current) }
        let canonical = resolved.joined(separator: "/")
        guard let entry = try await repository.entry(at: canonical, in: revision) else { return .missing }
        return .found(entry)
    }

    /// Whether a symlink's target climbs above the root from the link's folder, counting only
    /// its own `..` (symlinks inside the target are checked when they are reached).
    private static func climbsOut(_ target: String, fromDepth start: Int) -> Bool {
        var depth = start
        for part in components(target) {
            depth += part == ".." ? -1 : 1
            if depth < 0 { return true }
        }
        return false
    }

    /// The file's bytes, by its entry.
    func bytes(of entry: TreeEntry) async throws -> [UInt8] {
        try await repository.blob(entry.id)
    }

    /// Every entry below a folder (canonical path), recursively.
    func entries(under folder: String) async throws -> [TreeEntry] {
        try await repository.entries(under: folder, in: revision)
    }

    static func components(_ path: String) -> [String] {
        RepositoryPath.components(path)
    }

    /// `a/b/../c` → `a/c`, purely by text, for naming paths in messages; `nil` if it climbs out.
    static func joined(_ folder: String, _ path: String) -> String? {
        RepositoryPath.resolve(target: path, from: folder)
    }
}

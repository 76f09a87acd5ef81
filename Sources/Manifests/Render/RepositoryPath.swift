/// A `/`-separated path inside a repository, normalised without touching any filesystem: no
/// leading or trailing `/`, no empty or `.` components (`./environments//develop/` is
/// `environments/develop`). `..` components are kept for the caller to refuse or resolve. The one
/// notion of a repository path, for the renderer's files and GitSource's trees alike.
public struct RepositoryPath: Hashable, Sendable, CustomStringConvertible {
    public let components: [String]

    public init(_ text: String) {
        components = Self.components(text)
    }

    /// Whether this is the repository root (`""`, `.` or `/`).
    public var isRoot: Bool { components.isEmpty }

    /// Whether a `..` component would climb out of the folder it is read in.
    public var climbs: Bool { components.contains("..") }

    /// The normalised text, `""` for the root.
    public var text: String { components.joined(separator: "/") }

    public var description: String { isRoot ? "/" : text }

    /// `text` joined with a child name, without a leading `/` at the root.
    public func appending(_ name: String) -> String { isRoot ? name : text + "/" + name }

    // MARK: - On text

    /// `./environments//develop/` → `environments/develop`.
    public static func normalized(_ path: String) -> String {
        components(path).joined(separator: "/")
    }

    public static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init).filter { $0 != "." }
    }

    /// The folder holding `path` (`""` at the root).
    public static func parent(of path: String) -> String {
        var parts = components(path)
        parts.removeLast()
        return parts.joined(separator: "/")
    }

    /// Resolves a relative symlink target against the link's folder; `nil` when it climbs above
    /// the repository root or is absolute.
    public static func resolve(target: String, from folder: String) -> String? {
        guard !target.hasPrefix("/") else { return nil }
        var parts = components(folder)
        for part in components(target) {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Whether `path` is `folder` itself or lies below it.
    public static func isInside(_ path: String, folder: String) -> Bool {
        folder.isEmpty || path == folder || path.hasPrefix(folder + "/")
    }
}

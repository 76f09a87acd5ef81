/// Repository-relative paths as `/`-separated components, without touching any filesystem.
public enum RepositoryPath {
    /// `./environments//develop/` → `environments/develop`; `.` and empty components dropped.
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

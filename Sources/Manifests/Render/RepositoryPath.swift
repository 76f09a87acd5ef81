#if canImport(Glibc)
import Glibc
#endif

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
        isNormalized(path) ? path : components(path).joined(separator: "/")
    }

    /// Bytewise order of the paths' UTF-8, as git orders names: compared in place (a thousand
    /// files sorted through the generic UTF-8 view took longer than reading them).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let order = memcmp(p, q, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
    }

    /// No empty or `.` component: what a git tree's paths already are (checked without
    /// splitting, as every file of a render passes here).
    static func isNormalized(_ path: String) -> Bool {
        var length = 0, isDot = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || isDot { return false }
                length = 0
            } else {
                isDot = length == 0 && byte == UInt8(ascii: ".")
                length += 1
            }
        }
        return path.isEmpty || (length > 0 && !isDot)
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

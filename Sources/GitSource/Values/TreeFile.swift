import Foundation

/// A file read from a tree at some revision, without a checkout.
public struct TreeFile: Hashable, Sendable {
    /// What the tree entry holds.
    public enum Content: Hashable, Sendable {
        /// A regular file's bytes.
        case blob(Data)
        /// A symbolic link (mode 120000) and the path it points to, as stored.
        case symlink(target: String)
    }

    /// Path from the repository root, `/`-separated, e.g. `environments/develop/app.yaml`.
    public let path: String
    public let content: Content
    /// Whether the file has mode 100755.
    public let isExecutable: Bool

    public init(path: String, content: Content, isExecutable: Bool = false) {
        self.path = path
        self.content = content
        self.isExecutable = isExecutable
    }

    /// The bytes of a regular file; `nil` for a symlink.
    public var data: Data? {
        if case .blob(let data) = content { return data }
        return nil
    }
}

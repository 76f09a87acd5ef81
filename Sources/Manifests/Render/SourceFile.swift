/// One entry of a configuration tree, named by its repository-relative path
/// (`environments/develop/app.yaml`): a regular file's bytes, or where a symlink points.
///
/// A folder on disk (`DirectorySource`) and a git tree at a revision both produce these, so the
/// renderer treats a working copy and a commit alike; symlinks are kept as symlinks so the
/// renderer, not the filesystem, decides whether following them is safe.
public struct SourceFile: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case file([UInt8])
        /// The link's target exactly as stored (relative to the link's folder, or absolute).
        case symlink(target: String)
    }

    public var path: String
    public var content: Content

    public init(path: String, content: Content) {
        self.path = path
        self.content = content
    }

    public static func file(_ path: String, _ text: String) -> SourceFile {
        SourceFile(path: path, content: .file(Array(text.utf8)))
    }

    public static func symlink(_ path: String, target: String) -> SourceFile {
        SourceFile(path: path, content: .symlink(target: target))
    }
}

/// One entry of a tree at a revision, looked up by path without reading any file's content
/// (except a symlink's target, which is what the entry is).
public struct TreeEntry: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case folder
        /// A regular file; `executable` for mode 100755.
        case file(executable: Bool)
        /// A symbolic link and where it points, as stored (relative to its folder, or absolute).
        case symlink(target: String)
        /// A submodule: a commit of another repository, with no content here.
        case submodule
    }

    /// Path from the repository root, `/`-separated; `""` for the root tree.
    public let path: String
    /// The tree's or blob's id: equal ids mean identical contents.
    public let id: ObjectID
    public let kind: Kind

    public init(path: String, id: ObjectID, kind: Kind) {
        self.path = path
        self.id = id
        self.kind = kind
    }
}

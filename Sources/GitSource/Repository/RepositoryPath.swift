/// A `/`-separated path inside a repository's tree, normalised: no leading or trailing `/`,
/// no `.` components, and `..` refused (a tree path never climbs out of the repository).
struct RepositoryPath: Hashable, Sendable, CustomStringConvertible {
    let components: [String]

    init(_ text: String) throws {
        var components: [String] = []
        for part in text.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            guard part != ".." else {
                throw GitError(.invalidArgument, attempted: "cannot use path \(text)", reason: "'..' is not allowed in a repository path")
            }
            components.append(String(part))
        }
        self.components = components
    }

    /// Whether this is the repository root (`""`, `.` or `/`).
    var isRoot: Bool { components.isEmpty }

    /// The normalised text, `""` for the root.
    var text: String { components.joined(separator: "/") }

    var description: String { isRoot ? "/" : text }

    /// `text` joined with a child name, without a leading `/` at the root.
    func appending(_ name: String) -> String { isRoot ? name : text + "/" + name }
}

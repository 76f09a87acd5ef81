internal import Manifests

extension RepositoryPath {
    /// A path into a commit's tree: `..` is refused, since a tree path never climbs out of the
    /// repository.
    init(inTree text: String) throws(GitError) {
        self.init(text)
        guard !climbs else {
            throw GitError(.invalidArgument, attempted: "cannot use path \(text)", reason: "'..' is not allowed in a repository path")
        }
    }
}

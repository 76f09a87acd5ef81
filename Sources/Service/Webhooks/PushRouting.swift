import Reconciler

/// Which environments a push concerns: the push must be to the configured repository, and an
/// environment is concerned when its `ref` is the pushed branch or tag (an environment without
/// `ref` follows the default branch). A commit-pinned environment is never concerned.
public struct PushRouting: Sendable {
    public let repositoryURL: String
    public let environments: [EnvironmentConfiguration]

    public init(repositoryURL: String, environments: [EnvironmentConfiguration]) {
        self.repositoryURL = repositoryURL
        self.environments = environments
    }

    /// The names of the environments to reconcile now, in configuration order; empty when the
    /// push is to another repository or a ref nobody follows.
    public func environments(for push: PushEvent, generic: Bool = false) -> [String] {
        guard concernsRepository(push, generic: generic) else { return [] }
        let short = Self.shortName(push.ref)
        return environments.filter { environment in
            guard let ref = environment.ref else {
                // Following the default branch: a branch push, unless the payload says it is another branch.
                guard push.ref.hasPrefix("refs/heads/") else { return false }
                return push.defaultBranch.map { $0 == short } ?? true
            }
            return ref == push.ref || ref == short
        }.map(\.name)
    }

    func concernsRepository(_ push: PushEvent, generic: Bool) -> Bool {
        if push.repositoryURLs.isEmpty { return generic }
        guard let configured = RepositoryIdentity(repositoryURL) else { return false }
        if push.repositoryURLs.compactMap(RepositoryIdentity.init).contains(configured) { return true }
        return false
    }

    /// `refs/heads/main` → `main`, `refs/tags/v1` → `v1`.
    static func shortName(_ ref: String) -> String {
        for prefix in ["refs/heads/", "refs/tags/"] where ref.hasPrefix(prefix) { return String(ref.dropFirst(prefix.count)) }
        return ref
    }
}

/// A repository as host and path, whatever URL form names it: `https://github.com/org/repo.git`,
/// `git@github.com:org/repo.git`, `ssh://git@github.com:22/org/repo` and
/// `https://github.com/org/repo` are all `github.com` + `org/repo`.
struct RepositoryIdentity: Hashable {
    var host: String
    var path: String

    init?(_ url: String) {
        var rest = Substring(url.trimmingCharacters(in: .whitespaces))
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
                host = String(authority[authority.index(after: authority.startIndex)..<close])
            } else {
                host = String(authority.split(separator: ":", maxSplits: 1).first ?? "")
            }
            rest = rest[authorityEnd...]
        } else if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/") {
            // scp-like `user@host:path`
            var authority = rest[..<colon]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            host = String(authority)
            rest = rest[rest.index(after: colon)...]
        } else {
            return nil  // a local path: no push names it
        }
        host = host.lowercased()
        var path = String(rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        while path.hasPrefix("/") { path.removeFirst() }
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        guard !host.isEmpty, !path.isEmpty else { return nil }
        self.path = path
    }
}

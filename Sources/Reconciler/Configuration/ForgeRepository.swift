/// The repository a commit status is set on, told from the config repository's URL when it is on
/// github.com or gitlab.com (`https://github.com/acme/config.git`, `git@gitlab.com:group/sub/config.git`).
/// Other hosts (GitHub Enterprise, self-hosted GitLab) name it in the configuration.
enum ForgeRepository {
    static func derive(kind: NotificationTarget.Kind, fromRepositoryURL url: String?) -> String? {
        guard let url else { return nil }
        let host = kind == .githubStatus ? "github.com" : "gitlab.com"
        var rest: Substring
        if let range = url.range(of: "@\(host):") {           // scp-like: git@github.com:owner/repo.git
            rest = url[range.upperBound...]
        } else if let range = url.range(of: "://") {
            let afterScheme = url[range.upperBound...]
            let authority = afterScheme.prefix { $0 != "/" }
            guard authority.split(separator: "@").last.map({ $0.split(separator: ":").first == Substring(host) }) == true else { return nil }
            rest = afterScheme.dropFirst(authority.count)
        } else {
            return nil
        }
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.hasSuffix(".git") { rest = rest.dropLast(4) }
        let parts = rest.split(separator: "/")
        if kind == .githubStatus { return parts.count == 2 ? parts.joined(separator: "/") : nil }
        return parts.count >= 2 ? parts.joined(separator: "/") : nil
    }
}

/// Whether a kustomization's reference points off the repository: a URL, or a git address
/// kustomize would clone (`github.com/org/repo//base?ref=v1`, `git@github.com:org/repo`,
/// `ssh://…`, `https://…/deployment.yaml`). Mooring renders only what the config repository
/// holds, so such references are refused before kustomize runs and nothing is fetched.
enum RemoteReference {
    /// Remote whatever the repository holds: a URL scheme, or an scp-like git address.
    static func isAddress(_ value: String) -> Bool {
        if value.contains("://") || value.hasPrefix("git::") || value.hasPrefix("gh:") { return true }
        // user@host:path, as git and kustomize accept it for ssh.
        if let at = value.firstIndex(of: "@"), let colon = value.firstIndex(of: ":"), at < colon,
           !value[..<at].contains("/") { return true }
        return false
    }

    /// What kustomize would go on to try as a remote when no local path of that name exists:
    /// an address, a go-getter `//` subfolder or `?ref=` query, or a first component that is a
    /// host name (`github.com/…`, `example.org/…`).
    static func looksRemote(_ value: String) -> Bool {
        if isAddress(value) { return true }
        if value.contains("?") || value.dropFirst().contains("//") { return true }
        guard let first = value.split(separator: "/").first, value.contains("/") else { return false }
        return first.contains(".") && !first.hasPrefix(".") && first.split(separator: ".").count >= 2
            && first.split(separator: ".").last!.allSatisfy(\.isLetter)
    }
}

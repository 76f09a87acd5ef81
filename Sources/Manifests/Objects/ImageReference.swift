/// A container image reference split the way a registry (and kustomize's `images:` transformer)
/// reads it: `registry:5000/team/app:1.2@sha256:…` is repository `registry:5000/team/app`, tag
/// `1.2`, digest `sha256:…`. A `:` before the last `/` is a registry port, not a tag.
///
/// One type for the policy checks (`:latest`, unpinned images) and for overlay promotion (which
/// `images:` entry renders which reference).
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(repository: String, tag: String? = nil, digest: String? = nil) {
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    public init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
    }

    /// Pinned: the registry cannot serve different content under this reference.
    public var isPinned: Bool { digest?.isEmpty == false }

    /// `:latest` written out or implied by a missing tag.
    public var isLatest: Bool { !isPinned && (tag == nil || tag == "latest") }

    /// `repository:tag@digest`, each part only when present.
    public var description: String { repository + (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "") }
}

/// A container image reference split the way a registry reads it:
/// `registry:5000/team/app:1.2@sha256:…` is repository `registry:5000/team/app`, tag `1.2`, digest `sha256:…`.
public struct ImageReference: Sendable, Hashable {
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        // A colon after the last slash starts the tag; one before it is a registry port.
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
}

/// What one fetch into a mirror brought.
public struct FetchResult: Hashable, Sendable {
    /// Objects the remote sent in this fetch (0 when nothing changed).
    public let receivedObjects: Int
    /// Bytes of pack data received.
    public let receivedBytes: Int
    /// References whose value changed, created or deleted, e.g. `refs/heads/main`.
    public let updatedReferences: [String]
    /// The remote's default branch after this fetch, e.g. `main`, when it advertises one.
    public let defaultBranch: String?
    /// Set when the fetch found the mirror damaged and cloned it again: why, in one line
    /// (`the mirror cache … was unreadable (…); cloned it again`), to be reported once.
    public internal(set) var rebuilt: String? = nil

    /// Whether any reference moved.
    public var changed: Bool { !updatedReferences.isEmpty }
}

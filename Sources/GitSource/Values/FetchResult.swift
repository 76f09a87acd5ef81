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

    /// Whether any reference moved.
    public var changed: Bool { !updatedReferences.isEmpty }
}

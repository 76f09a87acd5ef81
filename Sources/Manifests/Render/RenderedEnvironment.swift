/// An environment's desired state: its objects in file order, plus what looked suspicious.
public struct RenderedEnvironment: Sendable {
    public var objects: [RenderedObject]
    public var warnings: [ManifestWarning]

    public init(objects: [RenderedObject], warnings: [ManifestWarning]) {
        self.objects = objects
        self.warnings = warnings
    }
}

/// One desired object and where it was written.
public struct RenderedObject: Sendable {
    public var identity: ObjectIdentity
    /// The object as it goes to the API server.
    public var object: JSON
    /// The line where the object starts (its document, or its entry in a `List`'s `items`).
    public var source: SourceLocation

    public init(identity: ObjectIdentity, object: JSON, source: SourceLocation) {
        self.identity = identity
        self.object = object
        self.source = source
    }
}

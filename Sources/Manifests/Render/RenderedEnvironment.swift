/// An environment's desired state: its objects in file order, plus what looked suspicious.
public struct RenderedEnvironment: Sendable {
    public var objects: [RenderedObject]
    public var warnings: [ManifestWarning]

    public init(objects: [RenderedObject], warnings: [ManifestWarning]) {
        self.objects = objects
        self.warnings = warnings
    }

    /// The same rendering without its objects' field lines (`RenderedObject/fieldLines`), for
    /// keeping once no error about a field can be raised from it: those tables are most of a
    /// rendering's size (a JSON pointer string per field), the objects are shared, not copied.
    public func withoutFieldLines() -> RenderedEnvironment {
        var kept = self
        // Only objects that have lines are written: a rendering the cache already kept without
        // them comes back as it is, its objects' array not copied.
        for index in kept.objects.indices where !kept.objects[index].fieldLines.isEmpty { kept.objects[index].fieldLines = [:] }
        return kept
    }
}

/// One desired object and where it was written.
public struct RenderedObject: Sendable {
    public var identity: ObjectIdentity
    /// The object as it goes to the API server.
    public var object: JSON
    /// The line where the object starts (its document, or its entry in a `List`'s `items`).
    public var source: SourceLocation
    /// JSON pointer within the object (`/spec/replicas`) → the line it was written on, when the
    /// object comes from a file as written (not from a generator).
    public var fieldLines: [String: Int]

    public init(identity: ObjectIdentity, object: JSON, source: SourceLocation, fieldLines: [String: Int] = [:]) {
        self.identity = identity
        self.object = object
        self.source = source
        self.fieldLines = fieldLines
    }

    /// Where a field was written: its own line, or its nearest recorded parent's, or the object's.
    /// `field` is in the API server's spelling: `spec.template.spec.containers[0].image`.
    public func location(ofField field: String) -> SourceLocation {
        var pointer: String? = Self.pointer(ofField: field)
        while let candidate = pointer {
            if let line = fieldLines[candidate] { return SourceLocation(file: source.file, line: line) }
            pointer = candidate.isEmpty ? nil : JSONPointer.parent(of: candidate)
        }
        return source
    }

    /// `spec.containers[0].image` → `/spec/containers/0/image`.
    static func pointer(ofField field: String) -> String {
        var tokens: [String] = []
        for part in field.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                tokens.append(String(rest[..<bracket]))
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    tokens.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                tokens.append(String(rest))
            }
        }
        return JSONPointer.from(path: tokens.filter { !$0.isEmpty })
    }
}

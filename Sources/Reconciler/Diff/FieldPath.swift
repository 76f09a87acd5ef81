import Manifests

/// Where a field sits in an object, as a reader would point at it:
/// `spec.template.spec.containers[name=web].image`. List elements are named by their keys where the
/// list is keyed, so a path survives reordering.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        /// A member of an object.
        case key(String)
        /// A position in a list that has no keys.
        case index(Int)
        /// An element of a keyed list, e.g. `name=web` or `containerPort=80,protocol=TCP`.
        case element(JSONObject)
        /// A member of a list of unique scalars (a set), e.g. a finalizer.
        case member(JSON)
    }

    public var segments: [Segment]

    public init(_ segments: [Segment] = []) { self.segments = segments }

    public func appending(_ segment: Segment) -> FieldPath { FieldPath(segments + [segment]) }
    public func appending(key: String) -> FieldPath { appending(.key(key)) }

    /// The first object key, e.g. `data` for `data.password`.
    public var firstKey: String? {
        if case .key(let key)? = segments.first { return key }
        return nil
    }

    public var description: String {
        var text = ""
        for segment in segments {
            switch segment {
            case .key(let key):
                if FieldPath.isPlainIdentifier(key) {
                    if !text.isEmpty { text += "." }
                    text += key
                } else {
                    text += "[\(JSON.string(key).serialized())]"
                }
            case .index(let index): text += "[\(index)]"
            case .element(let keys):
                let parts = keys.map { "\($0.key)=\($0.value.stringValue ?? $0.value.serialized())" }
                text += "[\(parts.joined(separator: ","))]"
            case .member(let value): text += "[\(value.stringValue ?? value.serialized())]"
            }
        }
        return text.isEmpty ? "." : text
    }

    /// Letters, digits and `_`/`-` only: printable after a dot without quoting.
    static func isPlainIdentifier(_ key: String) -> Bool {
        guard let first = key.first, first.isLetter || first == "_" else { return false }
        return key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }
}

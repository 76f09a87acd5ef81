import Manifests

/// One field that differs between the desired and the live object.
///
/// Values of Secrets are already masked when a `FieldChange` is made, so nothing that prints or
/// encodes a change can leak them.
public struct FieldChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// Desired sets a field the live object lacks.
        case added
        /// Both have the field, with different values.
        case changed
        /// Mooring set the field before; the desired object no longer does.
        case removed
    }

    public var path: FieldPath
    public var kind: Kind
    /// The live value (`nil` when added).
    public var old: JSON?
    /// The desired value (`nil` when removed).
    public var new: JSON?

    public init(path: FieldPath, kind: Kind, old: JSON?, new: JSON?) {
        self.path = path
        self.kind = kind
        self.old = old
        self.new = new
    }

    /// `spec.replicas: 3 → 5`
    public var description: String {
        switch kind {
        case .added: return "\(path): + \(new?.serialized() ?? "null")"
        case .removed: return "\(path): - \(old?.serialized() ?? "null")"
        case .changed: return "\(path): \(old?.serialized() ?? "null") → \(new?.serialized() ?? "null")"
        }
    }
}

import Manifests

/// Why a revision cannot be planned: nothing is applied or pruned from a half-understood state.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `object` is `nil` only for an object without apiVersion, kind or name.
    case badSyncWave(object: ObjectIdentity?, annotation: String, value: String)
    /// Neither the built-in table, the revision's CRDs nor discovery know the kind.
    case unknownKind(object: ObjectIdentity)
    case unidentifiable(index: Int)

    /// The object the error is about: the reconciler names its file and line.
    public var object: ObjectIdentity? {
        switch self {
        case .badSyncWave(let object, _, _): return object
        case .unknownKind(let object): return object
        case .unidentifiable: return nil
        }
    }

    public var description: String {
        switch self {
        case let .badSyncWave(object, annotation, value):
            return "\(object?.description ?? "an object"): annotation \(annotation) must be an integer, not \"\(value)\""
        case let .unknownKind(object):
            return "\(object): unknown kind (no built-in type, CRD in the revision or API resource defines it)"
        case let .unidentifiable(index):
            return "object #\(index + 1) has no apiVersion, kind or metadata.name"
        }
    }
}

/// Why a revision cannot be planned: nothing is applied or pruned from a half-understood state.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case badSyncWave(object: String, annotation: String, value: String)
    /// Neither the built-in table, the revision's CRDs nor discovery know the kind.
    case unknownKind(object: String)
    case unidentifiable(index: Int)

    public var description: String {
        switch self {
        case let .badSyncWave(object, annotation, value):
            return "\(object): annotation \(annotation) must be an integer, not \"\(value)\""
        case let .unknownKind(object):
            return "\(object): unknown kind (no built-in type, CRD in the revision or API resource defines it)"
        case let .unidentifiable(index):
            return "object #\(index + 1) has no apiVersion, kind or metadata.name"
        }
    }
}

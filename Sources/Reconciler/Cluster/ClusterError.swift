import Manifests

/// A cluster request that failed in a way the loop must act on, with the API server's own words.
/// `ClusterClient` implementations translate their transport's errors into these, so the loop
/// decides on this type alone.
public enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The API server refused the request; its message, e.g. `configmaps "x" is forbidden: … (Forbidden, 403)`.
    case refused(String)
    /// The object does not exist; the server's message (a GET or DELETE answers `nil` or
    /// success instead).
    case notFound(String)
    /// A create found the object already there; the server's message.
    case alreadyExists(String)
    /// A write guarded by a resourceVersion found the object changed; the server's message.
    case conflict(String)
    /// A strict write named fields the object's schema does not have (or has twice).
    case fieldsRejected(FieldRejection)
    /// An apply would change fields that cannot change once set: only deleting and recreating
    /// the object gets past it. `fields` is empty when the server named none.
    case immutableFields(object: ObjectIdentity, fields: [String])
    /// A LIST failed or could not be completed: the live picture is partial, so nothing is pruned.
    case listFailed(type: String, reason: String)
    /// A deleted object was still there when the wait ran out.
    case stillPresent(object: String, after: Duration)
    /// A CustomResourceDefinition did not become Established in time.
    case notEstablished(definition: String, after: Duration)
    /// The cluster cannot be reached or used at all.
    case unreachable(cluster: String, reason: String)

    public var description: String {
        switch self {
        case .refused(let reason), .notFound(let reason), .alreadyExists(let reason), .conflict(let reason): return reason
        case .fieldsRejected(let rejection): return rejection.description
        case let .immutableFields(object, fields):
            let names = fields.isEmpty ? "a field" : (fields.count == 1 ? "field \(fields[0])" : "fields " + fields.joined(separator: ", "))
            return "\(object): \(names) \(fields.count > 1 ? "are" : "is") immutable"
        case let .listFailed(type, reason): return "listing \(type) failed: \(reason)"
        case let .stillPresent(object, after): return "\(object) still exists \(GoDuration.format(after)) after it was deleted"
        case let .notEstablished(definition, after):
            return "CustomResourceDefinition \(definition) not Established after \(GoDuration.format(after))"
        case let .unreachable(cluster, reason): return "cluster \(cluster) is unreachable: \(reason)"
        }
    }

    /// A create found the object already there (someone else created it first).
    static func isAlreadyExists(_ error: any Error) -> Bool {
        if case .alreadyExists? = error as? ClusterError { return true }
        return false
    }

    /// A write guarded by a resourceVersion lost the race (someone else wrote first).
    static func isConflict(_ error: any Error) -> Bool {
        if case .conflict? = error as? ClusterError { return true }
        return false
    }
}

import KubeAPI

/// A cluster request that failed in a way the loop must act on, with the API server's own words.
public enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
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
        case let .listFailed(type, reason): return "listing \(type) failed: \(reason)"
        case let .stillPresent(object, after): return "\(object) still exists \(GoDuration.format(after)) after it was deleted"
        case let .notEstablished(definition, after):
            return "CustomResourceDefinition \(definition) not Established after \(GoDuration.format(after))"
        case let .unreachable(cluster, reason): return "cluster \(cluster) is unreachable: \(reason)"
        }
    }

    /// A create found the object already there (someone else created it first).
    static func isAlreadyExists(_ error: any Error) -> Bool { (error as? APIError)?.reason == .alreadyExists }

    /// A write guarded by a resourceVersion lost the race (someone else wrote first).
    static func isConflict(_ error: any Error) -> Bool { (error as? APIError)?.reason == .conflict }

    /// The API server's message for an error, or the error's own description.
    static func reason(of error: any Error) -> String {
        if let error = error as? APIError { return error.status.description }
        return "\(error)"
    }
}

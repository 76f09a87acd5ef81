import Manifests

/// A request the client refused to send, or an answer it could not read.
public enum KubeClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not served by the cluster, even after discovering again.
    case unknownKind(GroupVersionKind)
    /// The object lacks what the request needs (`apiVersion`, `kind`, `metadata.name`).
    case incompleteObject(String)
    case invalidResponse(request: String, detail: String)
    /// A wait that did not end in time; says what was awaited.
    case timedOut(String)

    public var description: String {
        switch self {
        case .unknownKind(let type):
            return "the server does not serve kind \(type.kind) in \(type.apiVersion) (is its CRD installed?)"
        case .incompleteObject(let detail): return "object \(detail)"
        case .invalidResponse(let request, let detail): return "\(request): unreadable response: \(detail)"
        case .timedOut(let what): return "timed out \(what)"
        }
    }
}

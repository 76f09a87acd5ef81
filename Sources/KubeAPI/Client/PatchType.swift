/// The patch formats the API server accepts, by `Content-Type`.
public enum PatchType: Sendable {
    /// RFC 7386 JSON merge patch.
    case merge
    /// Kubernetes strategic merge patch (lists merged by their merge keys; built-in types only).
    case strategicMerge
    /// RFC 6902 JSON patch: an array of operations.
    case json
    /// Server-side apply; use `KubeClient.apply` for it.
    case apply

    var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        case .json: return "application/json-patch+json"
        case .apply: return "application/apply-patch+yaml"
        }
    }

    /// JSON patch operations such as `add` to `/-` pile up when repeated; the others converge.
    var isIdempotent: Bool { self != .json }
}

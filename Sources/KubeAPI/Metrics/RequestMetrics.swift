import CoreMetrics

/// `mooring_kube_requests_total{cluster, verb, code}`: every request sent to an API server,
/// retries included, counted through swift-metrics (whatever backend the process bootstrapped;
/// none in the CLI commands, Prometheus in `mooring run --listen`).
///
/// `cluster` is the server's `host:port` (never a credential), `verb` is the API server's word
/// for the request as `apiserver_request_total` has it (LIST, GET, WATCH, CREATE, UPDATE, PATCH,
/// DELETE), `code` the HTTP status or `error` when no answer came.
enum RequestMetrics {
    static let requestsTotal = "mooring_kube_requests_total"

    static func record(cluster: String, method: HTTPMethod, path: String, status: Int?) {
        Counter(label: requestsTotal, dimensions: [
            ("cluster", cluster), ("verb", verb(method: method, path: path)), ("code", status.map(String.init) ?? "error"),
        ]).increment()
    }

    /// The API server's verb for a request: a GET of a collection is a LIST, with `watch=true` a WATCH.
    static func verb(method: HTTPMethod, path: String) -> String {
        switch method {
        case .post: return "CREATE"
        case .put: return "UPDATE"
        case .patch: return "PATCH"
        case .delete: return "DELETE"
        case .get: break
        default: return method.rawValue
        }
        let parts = path.split(separator: "?", maxSplits: 1)
        if parts.count == 2, parts[1].split(separator: "&").contains("watch=true") { return "WATCH" }
        var segments = parts.first.map { $0.split(separator: "/").map(String.init) } ?? []
        // `/api/v1/…` or `/apis/GROUP/VERSION/…`; anything else (discovery, /version) is a GET.
        switch segments.first {
        case "api" where segments.count >= 2: segments.removeFirst(2)
        case "apis" where segments.count >= 3: segments.removeFirst(3)
        default: return "GET"
        }
        if segments.isEmpty { return "GET" }
        if segments[0] == "namespaces", segments.count >= 3 { segments.removeFirst(2) }
        return segments.count == 1 ? "LIST" : "GET"
    }
}

/// The token carried in the URL path: `http://127.0.0.1:PORT/auth/<token>/api/v1/…`.
///
/// client-go (so kubectl) never sends a bearer token, basic auth or exec credentials over plain
/// HTTP (kubernetes/kubectl#744), and TLS is out of reach without a TLS library. So the
/// kubeconfig's server URL carries the token as a path prefix, which client-go keeps in front
/// of every request; clients that do send `Authorization: Bearer` (curl, libcurl) work without it.
enum TokenPathPrefix {
    static let marker = "/auth/"

    static func prefix(for token: String) -> String { marker + token }

    /// Removes a `/auth/<token>` prefix from the request path and returns the token it carried.
    static func strip(_ request: inout APIRequest) -> String? {
        guard request.path.hasPrefix(marker) else { return nil }
        let rest = request.path.dropFirst(marker.count)
        let given = rest.prefix { $0 != "/" }
        request.path = String(rest.dropFirst(given.count))
        request.basePath = marker + given
        if request.path.isEmpty { request.path = "/" }
        return String(given)
    }
}

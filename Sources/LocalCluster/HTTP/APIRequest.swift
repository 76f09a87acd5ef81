import Foundation
import NIOHTTP1

/// One complete HTTP request as the API layer sees it: method, path split from its query,
/// headers and the whole body.
struct APIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: QueryParameters
    var headers: HTTPHeaders
    var body: [UInt8]
    /// The token path prefix the request came through (`/auth/<token>`), or "" — documents that
    /// hold server-relative URLs (OpenAPI) must keep it.
    var basePath: String = ""
    /// Who sent it, once authenticated (and impersonation applied).
    var user: UserInfo = .anonymous

    init(head: HTTPRequestHead, body: [UInt8]) {
        method = head.method
        headers = head.headers
        self.body = body
        let uri = head.uri
        let rawPath: String
        if let mark = uri.firstIndex(of: "?") {
            rawPath = String(uri[..<mark])
            query = QueryParameters(encoded: String(uri[uri.index(after: mark)...]))
        } else {
            rawPath = uri
            query = QueryParameters(encoded: "")
        }
        // Names may arrive percent-encoded (`system%3Aauth-delegator`), as Go's url package
        // decodes them for the API server.
        path = rawPath.contains("%") ? (rawPath.removingPercentEncoding ?? rawPath) : rawPath
    }

    /// The bearer token of the `Authorization` header, if any.
    var bearerToken: String? {
        guard let value = headers.first(name: "authorization") else { return nil }
        let prefix = "Bearer "
        guard value.count > prefix.count, value.lowercased().hasPrefix("bearer ") else { return nil }
        return String(value.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
    }

    var contentType: String {
        (headers.first(name: "content-type") ?? "application/json")
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    var accept: String { headers.first(name: "accept") ?? "" }
}

/// The decoded `?a=b&c=d` part of a URL; repeated keys keep every value.
struct QueryParameters: Sendable {
    private var values: [String: [String]] = [:]

    init(encoded: String) {
        for pair in encoded.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[key, default: []].append(value)
        }
    }

    subscript(key: String) -> String? { values[key]?.last }

    func all(_ key: String) -> [String] { values[key] ?? [] }

    /// `true` for `1`/`true`, as the API server parses boolean parameters.
    func flag(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        return value == "1" || value.lowercased() == "true"
    }

    private static func decode(_ text: Substring) -> String {
        let plusless = text.replacingOccurrences(of: "+", with: " ")
        return plusless.removingPercentEncoding ?? plusless
    }
}

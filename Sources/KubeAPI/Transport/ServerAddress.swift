/// The scheme, host and port of a server URL, as far as curl's `CONNECT_TO` needs them.
struct ServerAddress: Equatable {
    var scheme: String
    /// Without IPv6 brackets.
    var host: String
    var port: Int
    /// What follows the authority: path and query.
    var rest: String

    init?(url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        let afterScheme = url[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        rest = String(afterScheme[authorityEnd...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let defaultPort = scheme == "https" ? 443 : 80
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let tail = authority[authority.index(after: close)...]
            port = tail.hasPrefix(":") ? Int(tail.dropFirst()) ?? defaultPort : defaultPort
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            guard let parsed = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = parsed
        } else {
            host = String(authority)
            port = defaultPort
        }
        if host.isEmpty { return nil }
    }

    /// `host:port` as a URL or a `Host` header writes it (IPv6 in brackets).
    var authority: String { "\(Self.bracketed(host)):\(port)" }

    static func bracketed(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}

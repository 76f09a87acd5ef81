import Foundation

/// Where a repository lives — a local path, `file://`, `git://`, `http(s)://`, `ssh://` or an
/// scp-like `user@host:path` address — as written by the user, possibly with credentials in it.
///
/// The location renders itself redacted everywhere (`description`, string interpolation, `dump`,
/// `debugDescription`): the user-info of a URL and the values of secret-looking query parameters
/// become `***`. It is the only way a repository URL reaches an error, a report, a log, a metric
/// label or a file name; the text with the secrets is handed only to libgit2, in memory.
///
///     http://alice:S3cret@git.example.com/config.git?private_token=abc&ref=x
///     → http://***@git.example.com/config.git?private_token=***&ref=x
///
/// Over SSH the user name is not a secret (it is `git` nearly always) and is kept:
/// `ssh://git@host/config.git` stays as written; a password after it would still be masked.
public struct RepositoryLocation: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The text as written. Never printed: read it only to hand it to git.
    let text: String

    public init(_ text: String) { self.text = text }

    /// What `***` replaces.
    public static let mask = "***"

    // MARK: - Display

    /// The location with its secrets masked: the form for every message, report and log.
    public var redacted: String {
        guard let parts = URLParts(text) else { return text }
        var shown = parts
        if let userInfo = parts.userInfo {
            if parts.isSSH {
                shown.userInfo = userInfo.contains(":") ? Self.user(of: userInfo) + ":" + Self.mask : userInfo
            } else {
                shown.userInfo = Self.mask
            }
        }
        shown.query = parts.query?.map { parameter in
            (parameter.name, parameter.value.map { Self.isSecretParameter(parameter.name) ? Self.mask : $0 })
        }
        return shown.text
    }

    public var description: String { redacted }
    public var debugDescription: String { "RepositoryLocation(\(redacted))" }
    public var customMirror: Mirror { Mirror(self, children: ["redacted": redacted]) }

    /// `text` with every secret of this location (password, token, user-info, secret query
    /// values, raw or percent-decoded) replaced by `***`: for messages from libgit2 or a server
    /// that may quote the URL back.
    public func scrub(_ message: String) -> String {
        var scrubbed = message.replacingOccurrences(of: text, with: redacted)
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 3 {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: Self.mask)
        }
        return scrubbed
    }

    /// Whether the text holds anything `redacted` masks.
    public var hasSecrets: Bool { !secrets.isEmpty }

    // MARK: - What git is given

    /// A local path (relative or absolute) rather than a URL or an scp-like address.
    public var isLocalPath: Bool {
        if text.contains("://") { return false }
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") { return false }
        return true
    }

    /// A relative local path resolved against `directory` (the configuration's folder, so the
    /// sample's `url: .` means "this repository"); URLs and absolute paths are returned as they are.
    public func resolved(against directory: String) -> RepositoryLocation {
        guard isLocalPath, !text.hasPrefix("/") else { return self }
        return RepositoryLocation(URL(fileURLWithPath: text, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path)
    }

    /// The URL libgit2 connects to: absolute for local paths, without the password of the
    /// user-info (the credential callback supplies it), query parameters kept (a server may
    /// need its token there). Held in memory only, never written to the mirror's config.
    var transportURL: String {
        if isLocalPath { return absolutePath }
        guard var parts = URLParts(text), let userInfo = parts.userInfo else { return text }
        let user = Self.user(of: userInfo)
        parts.userInfo = parts.isSSH && !user.isEmpty ? user : nil
        return parts.text
    }

    /// The user-info's name and password (percent-decoded), when the URL carries them: handed to
    /// libgit2 through the credential callback only.
    var userInfoCredentials: (username: String, password: String)? {
        guard let userInfo = URLParts(text)?.userInfo else { return nil }
        let pieces = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let username = pieces[0].removingPercentEncoding ?? pieces[0]
        if pieces.count == 2 { return (username, pieces[1].removingPercentEncoding ?? pieces[1]) }
        // A lone user name in an http(s) URL is often a token (`https://<token>@host/...`).
        return URLParts(text)?.isSSH == true ? nil : (username, "")
    }

    /// The location without any secret: no user-info password, no secret query parameter. What
    /// the mirror's config records and what names its folder (through a hash).
    var withoutSecrets: String {
        guard !isLocalPath, var parts = URLParts(transportURL) else { return transportURL }
        parts.query = parts.query.map { $0.filter { !Self.isSecretParameter($0.name) } }
        if parts.query?.isEmpty == true { parts.query = nil }
        return parts.text
    }

    private static func user(of userInfo: String) -> String {
        String(userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    private var absolutePath: String {
        text.hasPrefix("/") ? text : URL(fileURLWithPath: text).standardizedFileURL.path
    }

    /// Every secret the text holds, raw and percent-decoded.
    private var secrets: [String] {
        guard let parts = URLParts(text) else { return [] }
        var found: [String] = []
        if let userInfo = parts.userInfo {
            let pieces = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            if pieces.count == 2 { found.append(pieces[1]) }
            if !parts.isSSH { found.append(userInfo); found.append(pieces[0]) }
        }
        for parameter in parts.query ?? [] where Self.isSecretParameter(parameter.name) {
            if let value = parameter.value, !value.isEmpty { found.append(value) }
        }
        found += found.compactMap { $0.removingPercentEncoding }
        return Array(Set(found.filter { !$0.isEmpty }))
    }

    /// Query parameters whose values are masked: `token`, `private_token`, `access_token`,
    /// `password`, `key`, `api_key`, `secret`, `X-Amz-Signature`, `X-Amz-Credential`, `sig`, …
    public static func isSecretParameter(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if ["key", "sig", "pwd", "pass", "auth"].contains(lowered) { return true }
        return ["token", "password", "passwd", "secret", "signature", "credential", "apikey", "api_key", "_key", "-key"]
            .contains { lowered.contains($0) }
    }
}

/// A URL cut where credentials can hide: `scheme://[userinfo@]rest[?query][#fragment]`.
private struct URLParts {
    var scheme: String
    var userInfo: String?
    /// Host, port and path.
    var rest: String
    var query: [(name: String, value: String?)]?
    var fragment: String?

    var isSSH: Bool { ["ssh", "git+ssh", "ssh+git"].contains(scheme.lowercased()) }

    init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        scheme = String(text[..<schemeEnd.lowerBound])
        var remainder = Substring(text[schemeEnd.upperBound...])
        if let hash = remainder.firstIndex(of: "#") {
            fragment = String(remainder[remainder.index(after: hash)...])
            remainder = remainder[..<hash]
        }
        if let question = remainder.firstIndex(of: "?") {
            query = remainder[remainder.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                guard let equals = pair.firstIndex(of: "=") else { return (String(pair), nil) }
                return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
            }
            remainder = remainder[..<question]
        }
        let authorityEnd = remainder.firstIndex(of: "/") ?? remainder.endIndex
        if let at = remainder[..<authorityEnd].lastIndex(of: "@") {
            userInfo = String(remainder[..<at])
            remainder = remainder[remainder.index(after: at)...]
        }
        rest = String(remainder)
    }

    var text: String {
        var result = scheme + "://"
        if let userInfo { result += userInfo + "@" }
        result += rest
        if let query {
            result += "?" + query.map { parameter in parameter.value.map { "\(parameter.name)=\($0)" } ?? parameter.name }.joined(separator: "&")
        }
        if let fragment { result += "#" + fragment }
        return result
    }
}

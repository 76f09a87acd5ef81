import Crypto
import Foundation

/// OpenSSH `known_hosts` entries, to verify an SSH server's host key (Debian's libgit2 1.5
/// does not check host keys at all unless its caller does).
///
/// Understood: comma-separated host patterns with `*`/`?` wildcards and `!` negation,
/// `[host]:port` for ports other than 22, hashed hosts (`|1|salt|hash`), and `@revoked`.
/// `@cert-authority` lines are ignored (certificates are not supported).
struct KnownHosts {
    enum Verdict: Equatable {
        /// An entry for this host has exactly this key.
        case trusted
        /// No entry names this host.
        case unknownHost
        /// Entries name this host, but with other keys (or this key is revoked).
        case mismatch
    }

    struct Entry {
        let patterns: [String]
        let keyType: String
        let key: Data
        let revoked: Bool
    }

    let entries: [Entry]

    init(_ text: String) {
        var entries: [Entry] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            var revoked = false
            if first.hasPrefix("@") {
                guard first == "@revoked" else { continue }
                revoked = true
                fields.removeFirst()
            }
            guard fields.count >= 3, let key = Data(base64Encoded: fields[2]) else { continue }
            entries.append(Entry(patterns: fields[0].split(separator: ",").map(String.init), keyType: fields[1], key: key, revoked: revoked))
        }
        self.entries = entries
    }

    /// The name `known_hosts` uses for a host and port: `host`, or `[host]:port` unless port 22.
    static func name(host: String, port: Int) -> String {
        port == 22 ? host : "[\(host)]:\(port)"
    }

    /// Checks the raw host key `key` (the SSH wire-format blob) presented by `host`:`port`.
    func verify(host: String, port: Int, key: Data) -> Verdict {
        let name = KnownHosts.name(host: host, port: port)
        let matching = entries.filter { KnownHosts.matches(name, patterns: $0.patterns) }
        if matching.contains(where: { $0.revoked && $0.key == key }) { return .mismatch }
        if matching.contains(where: { !$0.revoked && $0.key == key }) { return .trusted }
        return matching.contains(where: { !$0.revoked }) ? .mismatch : .unknownHost
    }

    /// Whether `name` matches a comma-separated pattern list: at least one positive match and
    /// no negated (`!`) match.
    static func matches(_ name: String, patterns: [String]) -> Bool {
        var matched = false
        for pattern in patterns {
            if pattern.hasPrefix("!") {
                if matchesOne(name, String(pattern.dropFirst())) { return false }
            } else if matchesOne(name, pattern) {
                matched = true
            }
        }
        return matched
    }

    private static func matchesOne(_ name: String, _ pattern: String) -> Bool {
        if pattern.hasPrefix("|1|") {
            let parts = pattern.split(separator: "|", omittingEmptySubsequences: true)
            guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])), let hash = Data(base64Encoded: String(parts[2])) else {
                return false
            }
            // OpenSSH's hashed form: HMAC-SHA1 keyed by the salt over the host name. SHA-1's
            // weakness does not matter here: the host key itself is compared byte for byte.
            return HMAC<Insecure.SHA1>.isValidAuthenticationCode(hash, authenticating: Data(name.utf8), using: SymmetricKey(data: salt))
        }
        return wildcardMatch(Array(name.lowercased().utf8)[...], Array(pattern.lowercased().utf8)[...])
    }

    private static func wildcardMatch(_ name: ArraySlice<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        switch first {
        case UInt8(ascii: "*"):
            var rest = name
            while true {
                if wildcardMatch(rest, pattern.dropFirst()) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case UInt8(ascii: "?"):
            return !name.isEmpty && wildcardMatch(name.dropFirst(), pattern.dropFirst())
        default:
            return name.first == first && wildcardMatch(name.dropFirst(), pattern.dropFirst())
        }
    }
}

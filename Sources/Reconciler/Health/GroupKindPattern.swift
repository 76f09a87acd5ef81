import Manifests

/// The kinds a custom health check applies to, written as Argo CD keys its
/// `resource.customizations.health` scripts: `group/Kind`, just `Kind` for the core group, and
/// `*` matching any run of characters in either part (`*.crossplane.io/*`, `cert-manager.io/*`).
public struct GroupKindPattern: Sendable, Hashable, CustomStringConvertible {
    public let group: String
    public let kind: String

    /// `nil` when `text` is not of the form `group/Kind` or `Kind`: a kind is letters and digits,
    /// a group lowercase letters, digits, `.` and `-` (each with `*` allowed). Argo CD's
    /// `argocd-cm` spelling `group_Kind` is refused rather than read as a kind that never matches.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let kind = parts.last, !kind.isEmpty,
              kind.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "*" }) else { return nil }
        let group = parts.count == 2 ? parts[0] : ""
        guard group.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || ".-*".contains($0) }) else { return nil }
        self.group = String(group)
        self.kind = String(kind)
    }

    public var description: String { group.isEmpty ? kind : "\(group)/\(kind)" }

    public var hasWildcard: Bool { group.contains("*") || kind.contains("*") }

    public func matches(_ groupKind: GroupKind) -> Bool {
        Self.glob(group, matches: groupKind.group) && Self.glob(kind, matches: groupKind.kind)
    }

    /// Orders candidates: an exact pattern before any wildcard one, then the one with more literal
    /// characters (`cert-manager.io/*` before `*/*`).
    var specificity: (Int, Int) {
        (hasWildcard ? 0 : 1, description.filter { $0 != "*" }.count)
    }

    /// `*` matches any run of characters (none included); everything else matches itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern), text = Array(text)
        var p = 0, t = 0, star = -1, resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] != "*", pattern[p] == text[t] {
                p += 1; t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p; resume = t; p += 1
            } else if star >= 0 {
                p = star + 1; resume += 1; t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

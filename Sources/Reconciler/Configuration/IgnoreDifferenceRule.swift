import Manifests

/// Fields the diff must not report, like Argo CD's `ignoreDifferences`: e.g. `/spec/replicas` of
/// Deployments whose replica count an HorizontalPodAutoscaler owns.
public struct IgnoreDifferenceRule: Sendable, Equatable {
    /// `nil` matches any group; `""` is the core group.
    public var group: String?
    /// `nil` matches any kind.
    public var kind: String?
    public var name: String?
    public var namespace: String?
    /// RFC 6901 JSON pointers such as `/spec/replicas` or `/metadata/annotations/checksum~1config`.
    public var jsonPointers: [String]

    public init(group: String? = nil, kind: String? = nil, name: String? = nil, namespace: String? = nil, jsonPointers: [String]) {
        self.group = group
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.jsonPointers = jsonPointers
    }

    /// Whether the rule applies to this object.
    public func matches(_ identity: ObjectIdentity) -> Bool {
        if let group, group != identity.group { return false }
        if let kind, kind != identity.kind { return false }
        if let name, name != identity.name { return false }
        if let namespace, namespace != (identity.namespace ?? "") { return false }
        return true
    }

    /// The pointers split into unescaped reference tokens (`~1` is `/`, `~0` is `~`).
    public var pointerTokens: [[String]] { jsonPointers.compactMap(IgnoreDifferenceRule.tokens(of:)) }

    /// Splits a JSON pointer into its tokens; `nil` when it does not start with `/`.
    public static func tokens(of pointer: String) -> [String]? {
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            String($0).replacing("~1", with: "/").replacing("~0", with: "~")
        }
    }
}

/// An API type as `apiVersion` + `kind` name it, e.g. `apps/v1` `Deployment`.
public struct GroupVersionKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Splits an `apiVersion` such as `apps/v1` (group `apps`) or `v1` (the core group, `""`).
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var groupKind: GroupKind { GroupKind(group: group, kind: kind) }
    public var description: String { "\(apiVersion), Kind=\(kind)" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.group, a.version, a.kind) < (b.group, b.version, b.kind)
    }
}

/// A type regardless of version: what the API server treats as the same object across versions.
public struct GroupKind: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var group: String
    public var kind: String

    public init(group: String, kind: String) {
        self.group = group
        self.kind = kind
    }

    /// `Deployment.apps`, or `ConfigMap` for the core group, as kubectl prints it.
    public var description: String { group.isEmpty ? kind : "\(kind).\(group)" }

    public static func < (a: Self, b: Self) -> Bool { (a.group, a.kind) < (b.group, b.kind) }
}

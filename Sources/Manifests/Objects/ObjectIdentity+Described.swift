extension ObjectIdentity {
    /// Reads `Deployment.apps web/django` (an identity's `description`, as the history records
    /// name objects) back into an identity; the version is not in the text and stays empty.
    public init(described text: String) {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        let groupKind = parts.first ?? text
        let kind = groupKind.split(separator: ".", maxSplits: 1).map(String.init)
        let group = kind.count > 1 ? kind[1] : ""
        var namespace: String?
        var name = parts.count > 1 ? parts[1] : ""
        if let slash = name.firstIndex(of: "/") {
            namespace = String(name[..<slash])
            name = String(name[name.index(after: slash)...])
        }
        self.init(type: GroupVersionKind(group: group, version: "", kind: kind.first ?? groupKind), namespace: namespace, name: name)
    }
}

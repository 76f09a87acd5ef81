/// One resource type an API server serves, with the discovery facts kubectl relies on:
/// `kubectl get deploy` resolves the short name, `kubectl get all` the category.
public struct ServedResource: Hashable, Sendable {
    public var group: String
    public var version: String
    public var kind: String
    /// The plural, lower-case name used in URLs: `deployments`.
    public var resource: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var categories: [String]
    public var verbs: [String]
    /// `status` and/or `scale` where served.
    public var subresources: [String]
    public var listKind: String

    public init(group: String, version: String, kind: String, resource: String, singular: String,
                namespaced: Bool, shortNames: [String] = [], categories: [String] = [],
                verbs: [String] = ServedResource.standardVerbs, subresources: [String] = [], listKind: String? = nil) {
        self.group = group
        self.version = version
        self.kind = kind
        self.resource = resource
        self.singular = singular
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.verbs = verbs
        self.subresources = subresources
        self.listKind = listKind ?? kind + "List"
    }

    /// The verbs of an ordinary resource type, as discovery lists them.
    public static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var hasStatus: Bool { subresources.contains("status") }
    public var hasScale: Bool { subresources.contains("scale") }
}

extension ServedResource {
    /// Reads one entry of the bundled resource table.
    init?(tableEntry entry: JSON) {
        guard let group = entry["group"]?.stringValue, let version = entry["version"]?.stringValue,
              let kind = entry["kind"]?.stringValue, let resource = entry["resource"]?.stringValue
        else { return nil }
        func strings(_ key: String) -> [String] { entry[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        self.init(group: group, version: version, kind: kind, resource: resource,
                  singular: entry["singular"]?.stringValue ?? kind.lowercased(),
                  namespaced: entry["namespaced"]?.boolValue ?? true,
                  shortNames: strings("shortNames"), categories: strings("categories"),
                  verbs: strings("verbs"), subresources: strings("subresources"),
                  listKind: entry["listKind"]?.stringValue)
    }
}

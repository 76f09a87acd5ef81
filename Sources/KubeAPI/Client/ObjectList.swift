import Manifests

/// One page of a LIST (or all pages joined). Items carry `apiVersion` and `kind`, which the
/// server leaves out of list items.
public struct ObjectList: Sendable {
    public var items: [JSON]
    /// The list's resourceVersion: where a watch continues from.
    public var resourceVersion: String
    /// Non-nil when more pages remain.
    public var continueToken: String?
    public var remainingItemCount: Int?

    public init(items: [JSON], resourceVersion: String, continueToken: String? = nil, remainingItemCount: Int? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
    }

    init(listJSON: JSON, type: GroupVersionKind) {
        let rawItems = listJSON["items"]?.arrayValue ?? []
        items = rawItems.map { Self.typed($0, type) }
        resourceVersion = listJSON[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        let token = listJSON[path: ["metadata", "continue"]]?.stringValue
        continueToken = (token?.isEmpty ?? true) ? nil : token
        remainingItemCount = listJSON[path: ["metadata", "remainingItemCount"]]?.intValue.map(Int.init)
    }

    /// `apiVersion` and `kind` first, then the item as it came.
    private static func typed(_ item: JSON, _ type: GroupVersionKind) -> JSON {
        guard let object = item.objectValue, !object.contains("kind") else { return item }
        var typed = JSONObject()
        typed["apiVersion"] = .string(type.apiVersion)
        typed["kind"] = .string(type.kind)
        for (key, value) in object where key != "apiVersion" { typed[key] = value }
        return .object(typed)
    }
}

import Manifests

/// Lays the source environment's manifest over the target's: the source adds and changes, and
/// never removes.
///
/// - Objects merge key by key: the target's keys keep their order, keys both have take the
///   source's value (merged again when both are objects), keys only the source has are added
///   after them, and keys only the target has stay.
/// - Lists whose items all carry a `name` (containers, ports, env, volumes) merge item by item
///   the same way: the source's items in the source's order, each merged with the target's item
///   of that name, then the target's items the source has not.
/// - Any other list, and any scalar, is the source's.
///
/// So everything the target sets that the source does not survives a promotion: to drop a field
/// from the target, the target's own commit removes it.
enum ManifestOverlay {
    static func overlay(_ source: JSON, onto target: JSON) -> JSON {
        switch (target, source) {
        case (.object(let targetObject), .object(let sourceObject)):
            var merged = JSONObject()
            for (key, targetValue) in targetObject {
                merged[key] = sourceObject[key].map { overlay($0, onto: targetValue) } ?? targetValue
            }
            for (key, sourceValue) in sourceObject where !targetObject.contains(key) {
                merged[key] = sourceValue
            }
            return .object(merged)
        case (.array(let targetItems), .array(let sourceItems)):
            guard let targetByName = namedItems(targetItems), let sourceNames = names(of: sourceItems) else { return source }
            var merged = sourceItems.map { item in
                targetByName[item["name"]!.stringValue!].map { overlay(item, onto: $0) } ?? item
            }
            merged += targetItems.filter { !sourceNames.contains($0["name"]!.stringValue!) }
            return .array(merged)
        default:
            return source
        }
    }

    /// The items by name, when every item is an object with a unique string `name`.
    private static func namedItems(_ items: [JSON]) -> [String: JSON]? {
        var byName: [String: JSON] = [:]
        for item in items {
            guard let name = item["name"]?.stringValue, byName[name] == nil else { return nil }
            byName[name] = item
        }
        return byName
    }

    private static func names(of items: [JSON]) -> Set<String>? {
        namedItems(items).map { Set($0.keys) }
    }
}

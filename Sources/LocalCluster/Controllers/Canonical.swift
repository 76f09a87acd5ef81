import Manifests

/// Key-sorted serialization, so equal templates hash equally whatever their key order.
enum Canonical {
    static func bytes(_ value: JSON) -> [UInt8] { sorted(value).serializedBytes() }

    static func sorted(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            var out = JSONObject()
            for key in object.keys.sorted() { out[key] = sorted(object[key]!) }
            return .object(out)
        case .array(let items): return .array(items.map(sorted))
        default: return value
        }
    }
}

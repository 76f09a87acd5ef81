import Manifests

/// An object as stored: the value and its serialized bytes, kept together so GET and LIST
/// answer without serializing again.
struct StoredObject: Sendable {
    let object: JSON
    let bytes: [UInt8]
    let resourceVersion: Int64

    init(_ object: JSON, resourceVersion: Int64) {
        self.object = object
        self.bytes = object.serializedBytes()
        self.resourceVersion = resourceVersion
    }

    var labels: [String: String] { Self.labels(of: object) }

    static func labels(of object: JSON) -> [String: String] {
        var labels: [String: String] = [:]
        for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            labels[key] = value.stringValue ?? ""
        }
        return labels
    }
}

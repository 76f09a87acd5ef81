import Manifests

/// Turns stored objects into response bodies: plain JSON, or a Table when the client asks.
struct ObjectEncoding: Sendable {
    var table: Bool
    var includeObject: String?

    init(request: APIRequest) {
        table = TableResponse.isRequested(accept: request.accept)
        includeObject = request.query["includeObject"]
    }

    func single(_ stored: StoredObject, resource: ClusterResource) -> APIResponse {
        let stored = Self.served(stored, as: resource)
        if table {
            let rv = stored.object[path: ["metadata", "resourceVersion"]] ?? ""
            return .json(TableResponse.table([stored.object], resource: resource, listMetadata: ["resourceVersion": rv],
                                             includeObject: includeObject))
        }
        return .bytes(stored.bytes)
    }

    func list(_ items: [StoredObject], resource: ClusterResource, metadata: JSONObject) -> APIResponse {
        let items = VersionConversion.converts(resource) ? items.map { Self.served($0, as: resource) } : items
        if table {
            return .json(TableResponse.table(items.map(\.object), resource: resource, listMetadata: metadata,
                                             includeObject: includeObject))
        }
        var body = Array("{\"kind\":\"\(resource.listKind)\",\"apiVersion\":\"\(resource.apiVersion)\",\"metadata\":".utf8)
        body.append(contentsOf: JSON.object(metadata).serializedBytes())
        body.append(contentsOf: Array(",\"items\":[".utf8))
        for (index, item) in items.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: item.bytes)
        }
        body.append(contentsOf: Array("]}".utf8))
        return .bytes(body)
    }

    /// One watch event line: `{"type":"ADDED","object":{…}}` and a newline.
    func watchLine(_ event: StoreEvent, resource: ClusterResource) -> [UInt8] {
        var event = event
        event.object = Self.served(event.object, as: resource)
        var line = Array("{\"type\":\"\(event.kind.rawValue)\",\"object\":".utf8)
        if event.kind == .bookmark {
            var marker: JSONObject = ["kind": .string(table ? "Table" : resource.kind),
                                      "apiVersion": .string(table ? "meta.k8s.io/v1" : resource.apiVersion)]
            var metadata: JSONObject = ["resourceVersion": .string(String(event.object.resourceVersion)), "creationTimestamp": .null]
            if event.endsInitialEvents { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
            marker["metadata"] = .object(metadata)
            line.append(contentsOf: JSON.object(marker).serializedBytes())
        } else if table {
            let rv = JSON.string(String(event.object.resourceVersion))
            line.append(contentsOf: TableResponse.table([event.object.object], resource: resource,
                                                        listMetadata: ["resourceVersion": rv],
                                                        includeObject: includeObject).serializedBytes())
        } else {
            line.append(contentsOf: event.object.bytes)
        }
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    /// A stored object in the version the client asked for.
    static func served(_ stored: StoredObject, as resource: ClusterResource) -> StoredObject {
        guard VersionConversion.converts(resource) else { return stored }
        return StoredObject(VersionConversion.fromStorage(stored.object, to: resource), resourceVersion: stored.resourceVersion)
    }
}

import Manifests

/// DELETE of one object or of a collection (with a label selector).
struct DeleteHandler: Sendable {
    let context: ClusterContext

    func delete(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let options = try DeleteOptions(request)
        let stored = try await Finalization(context: context).delete(target.key(name: name), resource: target.resource, options: options)
        return .bytes(stored.bytes)
    }

    func deleteCollection(_ target: ResourceRequest, request: APIRequest) async throws -> APIResponse {
        let options = try DeleteOptions(request)
        let labels = try LabelQuery(parsing: request.query["labelSelector"] ?? "")
        let fields = try FieldSelector(parsing: request.query["fieldSelector"] ?? "", kind: target.resource.kind)
        let (items, _) = await context.store.list(target.groupResource, namespace: target.namespace)
        var deleted: [StoredObject] = []
        for item in items where labels.matches(item.labels) && fields.matches(item.object) {
            let name = item.object[path: ["metadata", "name"]]?.stringValue ?? ""
            let namespace = item.object[path: ["metadata", "namespace"]]?.stringValue
            var itemTarget = target
            itemTarget.namespace = namespace
            if let last = try? await Finalization(context: context).delete(itemTarget.key(name: name), resource: target.resource, options: options) {
                deleted.append(last)
            }
        }
        let rv = await context.store.resourceVersion
        return ObjectEncoding(request: request).list(deleted, resource: target.resource, metadata: ["resourceVersion": .string(String(rv))])
    }
}

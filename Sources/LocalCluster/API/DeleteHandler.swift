import Manifests

/// DELETE of one object or of a collection (with a label selector).
struct DeleteHandler: Sendable {
    let context: ClusterContext

    /// An object still being deleted (finalizers) is answered with its current state; one deleted
    /// at once with a `Status` of Success, except for the registries that return the deleted
    /// object (`ReturnDeletedObject`: pods, services, service accounts, namespaces, volumes and
    /// claims, storage classes, custom resources), as `genericregistry.Store.finalizeDelete` does.
    func delete(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let options = try DeleteOptions(request)
        let key = target.key(name: name)
        let stored = try await Finalization(context: context).delete(key, resource: target.resource, options: options)
        let encoding = ObjectEncoding(request: request)
        let deleted = options.dryRun ? stored.object[path: ["metadata", "finalizers"]] == nil && target.resource.kind != "Namespace"
                                     : await context.store.get(key) == nil
        if !deleted || Self.returnsDeletedObject(target.resource) { return encoding.single(stored, resource: target.resource) }
        var details: JSONObject = ["name": .string(name)]
        if !target.resource.group.isEmpty { details["group"] = .string(target.resource.group) }
        details["kind"] = .string(target.resource.resource)
        details["uid"] = stored.object[path: ["metadata", "uid"]] ?? ""
        return .json(["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success", "details": .object(details)])
    }

    static func returnsDeletedObject(_ resource: ClusterResource) -> Bool {
        if resource.isCustom { return true }
        switch (resource.group, resource.resource) {
        case ("", "pods"), ("", "services"), ("", "serviceaccounts"), ("", "namespaces"), ("", "persistentvolumes"),
             ("", "persistentvolumeclaims"), ("storage.k8s.io", "storageclasses"):
            return true
        default:
            return false
        }
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

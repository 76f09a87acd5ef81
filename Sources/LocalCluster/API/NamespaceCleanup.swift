import Manifests

/// The namespace controller's work: delete everything in a terminating namespace, then the
/// namespace itself once its contents are gone.
struct NamespaceCleanup: Sendable {
    let context: ClusterContext

    func empty(_ namespace: String) async {
        let store = context.store
        for _ in 0..<600 {
            let keys = await store.keys(inNamespace: namespace)
            if keys.isEmpty { break }
            for key in keys {
                guard let resource = context.registry.resource(key.resource),
                      let stored = await store.get(key),
                      stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { continue }
                _ = try? await Finalization(context: context).delete(key, resource: resource, options: .background)
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let key = ObjectKey(resource: GroupResource(group: "", resource: "namespaces"), namespace: "", name: namespace)
        guard let current = await store.get(key) else { return }
        var object = current.object
        object[path: ["spec", "finalizers"]] = nil
        object[path: ["spec"]] = object["spec"]?.objectValue?.isEmpty == true ? .object([:]) : object["spec"]
        if let stored = try? await store.update(key, object, expected: current.resourceVersion) {
            try? await Finalization(context: context).finishIfReleased(stored, key: key)
        }
    }
}

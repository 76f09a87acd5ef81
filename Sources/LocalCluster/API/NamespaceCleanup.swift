import Manifests

/// The namespace controller's work: delete everything in a terminating namespace, then the
/// namespace itself once its contents are gone. Objects held by finalizers keep the namespace
/// Terminating until they go, as on a real cluster.
struct NamespaceCleanup: Sendable {
    let context: ClusterContext
    static let namespaces = GroupResource(group: "", resource: "namespaces")

    func empty(_ namespace: String) async {
        let store = context.store
        let key = ObjectKey(resource: Self.namespaces, namespace: "", name: namespace)
        var pause = 20
        while !Task.isCancelled {
            guard await store.get(key) != nil else { return }
            let keys = await store.keys(inNamespace: namespace)
            if keys.isEmpty { break }
            for key in keys {
                guard let resource = context.registry.resource(key.resource),
                      let stored = await store.get(key),
                      stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { continue }
                _ = try? await Finalization(context: context).delete(key, resource: resource, options: .background)
            }
            try? await Task.sleep(for: .milliseconds(pause))
            pause = min(pause * 2, 1000)
        }
        guard let current = await store.get(key) else { return }
        var object = current.object
        object[path: ["spec", "finalizers"]] = nil
        if let stored = try? await store.update(key, object, expected: current.resourceVersion) {
            try? await Finalization(context: context).finishIfReleased(stored, key: key)
        }
    }
}

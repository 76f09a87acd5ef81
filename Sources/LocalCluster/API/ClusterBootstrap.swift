import Manifests

/// What a fresh cluster has: namespaces `default`, `kube-system`, `kube-public`,
/// `kube-node-lease`, each with its `default` ServiceAccount.
/// Also re-registers the custom resources of stored CRDs after a restart.
struct ClusterBootstrap: Sendable {
    let context: ClusterContext

    func seed() async throws {
        let store = context.store
        let namespaces = GroupResource(group: "", resource: "namespaces")
        let namespaceResource = context.registry.resource(namespaces)!
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let key = ObjectKey(resource: namespaces, namespace: "", name: name)
            if await store.get(key) == nil {
                let object: JSON = ["apiVersion": "v1", "kind": "Namespace",
                                    "metadata": ["name": .string(name), "labels": ["kubernetes.io/metadata.name": .string(name)]],
                                    "spec": .object([:])]
                _ = try await store.create(key, try ObjectLifecycle.prepareCreate(object, resource: namespaceResource))
            }
            try await ensureDefaultServiceAccount(in: name)
        }
        await CustomResourceRegistration(context: context).registerStored()
    }

    func ensureDefaultServiceAccount(in namespace: String) async throws {
        let accounts = GroupResource(group: "", resource: "serviceaccounts")
        let key = ObjectKey(resource: accounts, namespace: namespace, name: "default")
        guard await context.store.get(key) == nil, let resource = context.registry.resource(accounts) else { return }
        let object: JSON = ["apiVersion": "v1", "kind": "ServiceAccount",
                            "metadata": ["name": "default", "namespace": .string(namespace)]]
        _ = try? await context.store.create(key, try ObjectLifecycle.prepareCreate(object, resource: resource))
    }
}

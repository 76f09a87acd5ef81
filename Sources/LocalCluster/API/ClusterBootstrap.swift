import Manifests

/// What a fresh cluster has: namespaces `default`, `kube-system`, `kube-public`,
/// `kube-node-lease`, each with its `default` ServiceAccount, and the node `local-node`.
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
        let nodes = GroupResource(group: "", resource: "nodes")
        let nodeKey = ObjectKey(resource: nodes, namespace: "", name: "local-node")
        if await store.get(nodeKey) == nil, let nodeResource = context.registry.resource(nodes) {
            var node = try ObjectLifecycle.prepareCreate(LocalNode.object, resource: nodeResource)
            node["status"] = LocalNode.status
            _ = try await store.create(nodeKey, node)
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

/// The single simulated node that pods are scheduled on.
enum LocalNode {
    static let name = "local-node"
    static let object: JSON = [
        "apiVersion": "v1", "kind": "Node",
        "metadata": ["name": "local-node", "labels": ["kubernetes.io/hostname": "local-node", "kubernetes.io/os": "linux",
                                                       "kubernetes.io/arch": "amd64"]],
        "spec": .object([:]),
    ]
    static let status: JSON = [
        "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"]],
        "addresses": [["type": "InternalIP", "address": "127.0.0.1"], ["type": "Hostname", "address": "local-node"]],
        "capacity": ["cpu": "2", "memory": "24Gi", "pods": "110"],
        "allocatable": ["cpu": "2", "memory": "24Gi", "pods": "110"],
        "nodeInfo": ["kubeletVersion": "v1.32.0", "operatingSystem": "linux", "architecture": "amd64",
                     "containerRuntimeVersion": "mooring://1.0", "kernelVersion": "", "osImage": "Mooring local cluster",
                     "kubeProxyVersion": "v1.32.0", "machineID": "", "systemUUID": "", "bootID": ""],
    ]
}

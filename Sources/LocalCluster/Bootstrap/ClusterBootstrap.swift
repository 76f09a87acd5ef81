import Manifests

/// What a fresh 1.32 cluster has: namespaces `default`, `kube-system`, `kube-public`,
/// `kube-node-lease`, each with its `default` ServiceAccount and `kube-root-ca.crt`; the Node;
/// the `kubernetes` Service; the bootstrap RBAC policy; the system PriorityClasses; the Local
/// APIServices; API Priority and Fairness' mandatory objects. Missing ones are created at every
/// start (as the API server's post-start hooks do), the Node's heartbeat is renewed, and the
/// custom resources of stored CRDs are served again.
struct ClusterBootstrap: Sendable {
    let context: ClusterContext
    static let namespaces = GroupResource(group: "", resource: "namespaces")

    func seed() async throws {
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let object: JSON = ["apiVersion": "v1", "kind": "Namespace",
                                "metadata": ["name": .string(name), "labels": ["kubernetes.io/metadata.name": .string(name)]],
                                "spec": .object([:])]
            await ensure(object, in: Self.namespaces)
            await populate(namespace: name)
        }
        let now = Timestamps.now()
        await ensure(SystemNode.object(now: now), in: SystemNode.nodes)
        await ControllerClient(context: context).update(ObjectKey(resource: SystemNode.nodes, namespace: "", name: SystemNode.name)) { node in
            node[path: ["status", "conditions"]] = SystemNode.conditions(now: now)
        }
        var objects = SystemObjects.kubernetesService(port: 6443) + SystemObjects.priorityClasses + BootstrapPolicy.objects
            + SystemObjects.flowControl
        for resource in context.registry.resources where !resource.isCustom {
            let name = resource.group.isEmpty ? "\(resource.version)." : "\(resource.version).\(resource.group)"
            if !objects.contains(where: { $0.0 == SystemObjects.apiServices && $0.1[path: ["metadata", "name"]]?.stringValue == name }) {
                objects.append((SystemObjects.apiServices,
                                SystemObjects.apiService(group: resource.group, version: resource.version, automanaged: "onstart", now: now)))
            }
        }
        for (resource, object) in objects { await ensure(object, in: resource) }
        await CustomResourceRegistration(context: context).registerStored()
    }

    /// What every namespace gets from its controllers: the `default` ServiceAccount and `kube-root-ca.crt`.
    func populate(namespace: String) async {
        await ensure(["apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "default", "namespace": .string(namespace)]],
                     in: GroupResource(group: "", resource: "serviceaccounts"))
        await ensure(RootCertificate.configMap(namespace: namespace), in: GroupResource(group: "", resource: "configmaps"))
    }

    /// Creates the object unless one of its name exists.
    private func ensure(_ object: JSON, in resource: GroupResource) async {
        let key = ControllerClient.key(of: object, resource: resource)
        guard await context.store.get(key) == nil else { return }
        var object = object
        let status = object["status"]
        object["status"] = nil
        guard let created = await ControllerClient(context: context).create(object, resource: resource), let status else { return }
        await ControllerClient(context: context).update(key) { $0["status"] = status }
        _ = created
    }
}

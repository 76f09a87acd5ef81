import Manifests

/// Reads what each Namespace about to be pruned holds — one LIST per namespaced type the cluster
/// serves, in that namespace — so the planner refuses to prune a Namespace that holds anything
/// this environment does not track, and the diff can list what the deletion takes with it.
/// Only runs when a Namespace is to be pruned.
public struct NamespaceInventory: Sendable {
    public let cluster: any ClusterClient
    public var concurrency: Int

    public init(cluster: any ClusterClient, concurrency: Int = 8) {
        self.cluster = cluster
        self.concurrency = concurrency
    }

    static let namespaceKind = GroupKind(group: "", kind: "Namespace")

    /// The diff with `contents` set on each Namespace to prune.
    public func attach(to diff: EnvironmentDiff) async -> EnvironmentDiff {
        let namespaces = diff.toPrune.filter { $0.identity.groupKind == Self.namespaceKind }.map(\.identity.name)
        guard !namespaces.isEmpty else { return diff }
        let pruned = Set(diff.toPrune.map(\.identity))
        let declared = Set(diff.objects.filter { $0.desired != nil }.map(\.identity))
        var contents: [String: NamespaceContents] = [:]
        do {
            let types = try await cluster.namespacedTypes()
            for namespace in namespaces {
                contents[namespace] = await read(namespace, types: types, pruned: pruned, declared: declared)
            }
        } catch {
            for namespace in namespaces { contents[namespace] = NamespaceContents(unreadTypes: ["the served resource types"]) }
        }
        var result = diff
        for index in result.objects.indices where result.objects[index].status == .prune
            && result.objects[index].identity.groupKind == Self.namespaceKind {
            result.objects[index].contents = contents[result.objects[index].identity.name]
        }
        return result
    }

    private func read(_ namespace: String, types: [GroupVersionKind], pruned: Set<ObjectIdentity>, declared: Set<ObjectIdentity>) async -> NamespaceContents {
        let cluster = self.cluster
        let listed = await BoundedConcurrency.map(types, limit: concurrency) { type -> Result<[JSON], any Error> in
            do { return .success(try await cluster.list(type, namespace: namespace)) } catch { return .failure(error) }
        }
        var contents = NamespaceContents()
        var everything: [JSON] = []
        for (type, result) in zip(types, listed) {
            switch result {
            case .success(let items): everything += items
            case .failure: contents.unreadTypes.append(type.groupKind.description)
            }
        }
        let services = Set(everything.filter { $0["kind"]?.stringValue == "Service" }.compactMap { $0[path: ["metadata", "name"]]?.stringValue })
        for object in everything {
            guard let identity = ObjectIdentity(of: object), !pruned.contains(identity) else { continue }
            if declared.contains(identity) {
                contents.declared.append(identity)
            } else if Self.comesWithSomethingElse(object, services: services) {
                contents.deletedWithIt.append(identity)
            } else {
                contents.foreign.append(identity)
            }
        }
        contents.foreign.sort()
        contents.declared.sort()
        contents.deletedWithIt.sort()
        return contents
    }

    /// Objects nobody made on purpose: a controller's dependents (they carry ownerReferences and
    /// go with their owner), the namespace's own defaults, events, a Service's Endpoints.
    static func comesWithSomethingElse(_ object: JSON, services: Set<String>) -> Bool {
        if let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue, !owners.isEmpty { return true }
        let kind = object["kind"]?.stringValue ?? ""
        let group = GroupVersionKind(apiVersion: object["apiVersion"]?.stringValue ?? "", kind: kind).group
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        switch (group, kind) {
        case ("", "ConfigMap"): return name == "kube-root-ca.crt"
        case ("", "ServiceAccount"): return name == "default"
        case ("", "Event"), ("events.k8s.io", "Event"): return true
        case ("", "Endpoints"): return services.contains(name)
        case ("", "Secret"):
            return object["type"]?.stringValue == "kubernetes.io/service-account-token"
                && object[path: ["metadata", "annotations", "kubernetes.io/service-account.name"]]?.stringValue == "default"
        default: return false
        }
    }
}

import Manifests

/// The namespace controller's work: delete everything in a terminating namespace, reporting
/// progress in its status conditions, then release the namespace (its `kubernetes` spec
/// finalizer) once its contents are gone. Objects held by finalizers keep the namespace
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
            var remaining: [GroupResource: Int] = [:]
            var held: [String: Int] = [:]
            for key in keys {
                guard let resource = context.registry.resource(key.resource), let stored = await store.get(key) else { continue }
                remaining[key.resource, default: 0] += 1
                for finalizer in (stored.object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue) {
                    held[finalizer, default: 0] += 1
                }
                if stored.object[path: ["metadata", "deletionTimestamp"]] == nil {
                    _ = try? await Finalization(context: context).delete(key, resource: resource, options: .background)
                }
            }
            await report(key, remaining: remaining, held: held)
            if keys.isEmpty { break }
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

    /// The conditions the namespace controller sets while it deletes content
    /// (`pkg/controller/namespace/deletion/namespaced_resources_deleter.go`).
    private func report(_ key: ObjectKey, remaining: [GroupResource: Int], held: [String: Int]) async {
        let now = Timestamps.now()
        let contentRemains = remaining.isEmpty
            ? ("False", "ContentRemoved", "All content successfully removed")
            : ("True", "SomeResourcesRemain", "Some resources are remaining: " + remaining.sorted { $0.key < $1.key }
                .map { "\($0.key.resource).\($0.key.group) has \($0.value) resource instances" }.joined(separator: ", "))
        let finalizersRemain = held.isEmpty
            ? ("False", "ContentHasNoFinalizers", "All content-preserving finalizers finished")
            : ("True", "SomeFinalizersRemain", "Some content in the namespace has finalizers remaining: " + held.sorted { $0.key < $1.key }
                .map { "\($0.key) in \($0.value) resource instances" }.joined(separator: ", "))
        let wanted: [(String, (String, String, String))] = [
            ("NamespaceDeletionDiscoveryFailure", ("False", "ResourcesDiscovered", "All resources successfully discovered")),
            ("NamespaceDeletionGroupVersionParsingFailure", ("False", "ParsedGroupVersions", "All legacy kube types successfully parsed")),
            ("NamespaceDeletionContentFailure", ("False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization")),
            ("NamespaceContentRemaining", contentRemains),
            ("NamespaceFinalizersRemaining", finalizersRemain),
        ]
        await ControllerClient(context: context).update(key) { object in
            let existing = object[path: ["status", "conditions"]]?.arrayValue ?? []
            object[path: ["status", "conditions"]] = .array(wanted.map { type, value in
                let old = existing.first { $0["type"]?.stringValue == type }
                let since = old?["status"]?.stringValue == value.0 ? old?["lastTransitionTime"] ?? .string(now) : .string(now)
                return ["type": .string(type), "status": .string(value.0), "lastTransitionTime": since,
                        "reason": .string(value.1), "message": .string(value.2)]
            })
        }
    }
}

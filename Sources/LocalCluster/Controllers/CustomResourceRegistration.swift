import Manifests

/// The apiextensions controller: a CRD gets `NamesAccepted` and `Established`, and its
/// resources are served (discovery, CRUD, watch) from then on; deleting it deletes its objects.
struct CustomResourceRegistration: Sendable {
    let context: ClusterContext
    static let crds = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    /// After a restart: serve the resources of every stored CRD.
    func registerStored() async {
        for stored in await context.store.list(Self.crds, namespace: nil).items {
            register(stored.object)
        }
    }

    /// A CRD was created or changed: serve its versions and mark it Established.
    func reconcile(_ key: ObjectKey) async {
        guard let stored = await context.store.get(key) else { return }
        let crd = stored.object
        if crd[path: ["metadata", "deletionTimestamp"]] != nil { return }
        register(crd)
        var updated = crd
        let names = crd[path: ["spec", "names"]] ?? .object([:])
        var accepted = names
        if accepted["singular"] == nil { accepted["singular"] = .string((names["kind"]?.stringValue ?? "").lowercased()) }
        if accepted["listKind"] == nil { accepted["listKind"] = .string((names["kind"]?.stringValue ?? "") + "List") }
        let now = Timestamps.now()
        let existing = crd[path: ["status", "conditions"]]?.arrayValue ?? []
        func condition(_ type: String, reason: String, message: String) -> JSON {
            if let old = existing.first(where: { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }) { return old }
            return ["type": .string(type), "status": "True", "lastTransitionTime": .string(now),
                    "reason": .string(reason), "message": .string(message)]
        }
        let storage = (crd[path: ["spec", "versions"]]?.arrayValue ?? [])
            .first { $0["storage"]?.boolValue == true }?["name"]?.stringValue
        updated["status"] = [
            "conditions": [
                condition("NamesAccepted", reason: "NoConflicts", message: "no conflicts found"),
                condition("Established", reason: "InitialNamesAccepted", message: "the initial names have been accepted"),
            ],
            "acceptedNames": accepted,
            "storedVersions": .array(storage.map { [JSON.string($0)] } ?? []),
        ]
        if updated != crd {
            _ = try? await context.store.update(key, updated, expected: stored.resourceVersion)
        }
    }

    /// A CRD was deleted: stop serving it and delete its custom objects.
    func removed(_ crd: JSON) async {
        guard let group = crd[path: ["spec", "group"]]?.stringValue,
              let plural = crd[path: ["spec", "names", "plural"]]?.stringValue else { return }
        let resource = GroupResource(group: group, resource: plural)
        for key in await context.store.keys(of: resource) {
            _ = try? await context.store.delete(key)
        }
        context.updateRegistry { $0.unregister(group: group, plural: plural) }
    }

    private func register(_ crd: JSON) {
        context.updateRegistry { registry in try? registry.register(customResourceDefinition: crd) }
    }
}

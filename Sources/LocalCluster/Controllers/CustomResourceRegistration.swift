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

    /// A CRD was created or changed: serve its versions and mark it Established, unless its kind
    /// is taken by another CRD of the group (NamesAccepted False, `KindConflict`, as the
    /// apiextensions naming controller reports it).
    func reconcile(_ key: ObjectKey) async {
        guard let stored = await context.store.get(key) else { return }
        let crd = stored.object
        if crd[path: ["metadata", "deletionTimestamp"]] != nil { return }
        let names = crd[path: ["spec", "names"]] ?? .object([:])
        let conflict = await kindConflict(crd)
        if conflict == nil {
            register(crd)
            await ensureAPIServices(crd)
        }
        var updated = crd
        var accepted = names
        if accepted["singular"] == nil { accepted["singular"] = .string((names["kind"]?.stringValue ?? "").lowercased()) }
        if accepted["listKind"] == nil { accepted["listKind"] = .string((names["kind"]?.stringValue ?? "") + "List") }
        let now = Timestamps.now()
        let existing = crd[path: ["status", "conditions"]]?.arrayValue ?? []
        func condition(_ type: String, _ status: String, reason: String, message: String) -> JSON {
            if let old = existing.first(where: { $0["type"]?.stringValue == type && $0["status"]?.stringValue == status }) { return old }
            return ["type": .string(type), "status": .string(status), "lastTransitionTime": .string(now),
                    "reason": .string(reason), "message": .string(message)]
        }
        let storage = (crd[path: ["spec", "versions"]]?.arrayValue ?? [])
            .first { $0["storage"]?.boolValue == true }?["name"]?.stringValue
        let conditions: JSON
        if let conflict {
            conditions = [condition("NamesAccepted", "False", reason: "KindConflict", message: "\"\(conflict)\" is already in use"),
                          condition("Established", "False", reason: "NotAccepted", message: "not all names are accepted")]
        } else {
            conditions = [condition("NamesAccepted", "True", reason: "NoConflicts", message: "no conflicts found"),
                          condition("Established", "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted")]
        }
        updated["status"] = [
            "conditions": conditions,
            "acceptedNames": conflict == nil ? accepted : ["plural": "", "kind": ""],
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
        let stillServed = Set(context.registry.resources.filter { $0.group == group }.map(\.version))
        for version in (crd[path: ["spec", "versions"]]?.arrayValue ?? []).compactMap({ $0["name"]?.stringValue })
        where !stillServed.contains(version) {
            await ControllerClient(context: context).delete(ObjectKey(resource: SystemObjects.apiServices, namespace: "", name: "\(version).\(group)"))
        }
    }

    /// The kind another established CRD of the same group already serves, if any.
    private func kindConflict(_ crd: JSON) async -> String? {
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let kind = crd[path: ["spec", "names", "kind"]]?.stringValue ?? ""
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        let others = await context.store.list(Self.crds, namespace: nil).items.map(\.object)
        return others.contains { other in
            other[path: ["metadata", "name"]]?.stringValue != name && other[path: ["spec", "group"]]?.stringValue == group
                && other[path: ["status", "acceptedNames", "kind"]]?.stringValue == kind
        } ? kind : nil
    }

    /// The aggregator's automanaged APIService for each served version of a CRD's group.
    private func ensureAPIServices(_ crd: JSON) async {
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let client = ControllerClient(context: context)
        for version in (crd[path: ["spec", "versions"]]?.arrayValue ?? []) where version["served"]?.boolValue != false {
            guard let name = version["name"]?.stringValue else { continue }
            let key = ObjectKey(resource: SystemObjects.apiServices, namespace: "", name: "\(name).\(group)")
            guard await client.get(key) == nil else { continue }
            var service = SystemObjects.apiService(group: group, version: name, automanaged: "true", now: Timestamps.now())
            service[path: ["spec", "groupPriorityMinimum"]] = 1000
            service[path: ["spec", "versionPriority"]] = 100
            service["status"] = nil
            await client.create(service, resource: SystemObjects.apiServices)
        }
    }

    private func register(_ crd: JSON) {
        context.updateRegistry { registry in try? registry.register(customResourceDefinition: crd) }
    }
}

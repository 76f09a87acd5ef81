import Manifests

/// The ControllerRevisions StatefulSets and DaemonSets keep their pod templates in (`<set>-<hash>`,
/// owned by the set, `data` a strategic merge patch `{"spec":{"template":{…,"$patch":"replace"}}}`
/// as `getPatch` writes it), which `kubectl rollout history` lists and `rollout undo` applies.
struct ControllerRevisions: Sendable {
    let client: ControllerClient
    static let resource = GroupResource(group: "apps", resource: "controllerrevisions")

    struct Revision: Sendable {
        var name: String
        var hash: String
        var number: Int64
        var template: JSON
    }

    /// The set's revisions, oldest first.
    func all(of owner: JSON, namespace: String) async -> [Revision] {
        let uid = owner[path: ["metadata", "uid"]]?.stringValue ?? ""
        return await client.owned(Self.resource, namespace: namespace, by: uid).map { Self.revision($0.object) }
            .sorted { $0.number < $1.number }
    }

    /// The revision of the owner's current template, created (or renumbered, when an old template
    /// comes back) as the newest one.
    func current(of owner: JSON, kind: String, namespace: String) async -> Revision {
        let template = owner[path: ["spec", "template"]] ?? .object([:])
        let hash = GeneratedNames.templateHash(template)
        let ownerName = owner[path: ["metadata", "name"]]?.stringValue ?? ""
        let name = "\(ownerName)-\(hash)"
        let existing = await all(of: owner, namespace: namespace)
        let newest = existing.last?.number ?? 0
        if let found = existing.first(where: { $0.name == name }) {
            if found.number < newest {
                await client.update(ObjectKey(resource: Self.resource, namespace: namespace, name: name)) { $0["revision"] = .int(newest + 1) }
                return Revision(name: name, hash: hash, number: newest + 1, template: found.template)
            }
            return found
        }
        var labels = template[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()
        labels[kind == "StatefulSet" ? "controller.kubernetes.io/hash" : "controller-revision-hash"] = .string(hash)
        var patchTemplate = template
        patchTemplate["$patch"] = "replace"
        let revision: JSON = [
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labels),
                         "ownerReferences": [ControllerClient.ownerReference(to: owner, kind: kind, apiVersion: "apps/v1")]],
            "data": ["spec": ["template": patchTemplate]],
            "revision": .int(newest + 1),
        ]
        await client.create(revision, resource: Self.resource)
        return Revision(name: name, hash: hash, number: newest + 1, template: template)
    }

    /// Removes the oldest revisions beyond `revisionHistoryLimit` that no pod uses.
    func prune(of owner: JSON, namespace: String, keeping inUse: Set<String>) async {
        let limit = Int(owner[path: ["spec", "revisionHistoryLimit"]]?.intValue ?? 10)
        let revisions = await all(of: owner, namespace: namespace)
        let removable = revisions.dropLast().filter { !inUse.contains($0.name) }
        guard removable.count > limit else { return }
        for revision in removable.prefix(removable.count - limit) {
            await client.delete(ObjectKey(resource: Self.resource, namespace: namespace, name: revision.name))
        }
    }

    static func revision(_ object: JSON) -> Revision {
        var template = object[path: ["data", "spec", "template"]] ?? .object([:])
        template["$patch"] = nil
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let hash = object[path: ["metadata", "labels", "controller.kubernetes.io/hash"]]?.stringValue
            ?? object[path: ["metadata", "labels", "controller-revision-hash"]]?.stringValue ?? ""
        return Revision(name: name, hash: hash, number: object["revision"]?.intValue ?? 0, template: template)
    }
}

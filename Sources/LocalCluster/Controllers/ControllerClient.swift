import Foundation
import Manifests

/// How simulated controllers read and write: straight to the store (they are the server), with
/// the server's create rules (uid, timestamps, defaults) and compare-and-swap updates.
struct ControllerClient: Sendable {
    let context: ClusterContext

    static let pods = GroupResource(group: "", resource: "pods")
    static let replicaSets = GroupResource(group: "apps", resource: "replicasets")
    static let deployments = GroupResource(group: "apps", resource: "deployments")

    func get(_ key: ObjectKey) async -> StoredObject? { await context.store.get(key) }

    /// Objects of a resource in a namespace whose controller owner has `uid`.
    func owned(_ resource: GroupResource, namespace: String, by uid: String) async -> [StoredObject] {
        await context.store.list(resource, namespace: namespace).items.filter { stored in
            (stored.object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains {
                $0["uid"]?.stringValue == uid
            } && stored.object[path: ["metadata", "deletionTimestamp"]] == nil
        }
    }

    /// Creates an object as the API server would for a controller's request.
    @discardableResult
    func create(_ object: JSON, resource: GroupResource) async -> StoredObject? {
        guard let served = context.registry.resource(resource),
              var prepared = try? ObjectLifecycle.prepareCreate(object, resource: served) else { return nil }
        // NamespaceLifecycle refuses controllers too: nothing new in a namespace being deleted.
        if let namespace = object[path: ["metadata", "namespace"]]?.stringValue, !namespace.isEmpty,
           let holder = await context.store.get(ObjectKey(resource: NamespaceCleanup.namespaces, namespace: "", name: namespace)),
           holder.object[path: ["metadata", "deletionTimestamp"]] != nil { return nil }
        Defaulting.apply(to: &prepared)
        let key = ObjectKey(resource: resource, namespace: prepared[path: ["metadata", "namespace"]]?.stringValue ?? "",
                            name: prepared[path: ["metadata", "name"]]?.stringValue ?? "")
        return try? await context.store.create(key, prepared)
    }

    /// Rewrites an object with `change` unless it changed meanwhile; returns whether it wrote.
    @discardableResult
    func update(_ key: ObjectKey, _ change: (inout JSON) -> Void) async -> Bool {
        guard let current = await context.store.get(key) else { return false }
        var object = current.object
        change(&object)
        if object == current.object { return false }
        return (try? await context.store.update(key, object, expected: current.resourceVersion)) != nil
    }

    func delete(_ key: ObjectKey) async {
        _ = try? await context.store.delete(key)
    }

    /// The controller ownerReference pointing at `owner`.
    static func ownerReference(to owner: JSON, kind: String, apiVersion: String) -> JSON {
        ["apiVersion": .string(apiVersion), "kind": .string(kind),
         "name": owner[path: ["metadata", "name"]] ?? "", "uid": owner[path: ["metadata", "uid"]] ?? "",
         "controller": true, "blockOwnerDeletion": true]
    }

    static func key(of object: JSON, resource: GroupResource) -> ObjectKey {
        ObjectKey(resource: resource, namespace: object[path: ["metadata", "namespace"]]?.stringValue ?? "",
                  name: object[path: ["metadata", "name"]]?.stringValue ?? "")
    }

    /// The controlling owner of an object, as (kind, name).
    static func controller(of object: JSON) -> (kind: String, name: String, uid: String)? {
        for reference in object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] where reference["controller"]?.boolValue == true {
            return (reference["kind"]?.stringValue ?? "", reference["name"]?.stringValue ?? "", reference["uid"]?.stringValue ?? "")
        }
        return nil
    }
}

import Foundation
import Manifests

/// Deleting objects as the API server and its garbage collector do: finalizers hold an object
/// (with a deletionTimestamp) until they are gone; dependents (by ownerReferences) are deleted
/// in the background, first (foreground) or orphaned; namespaces empty themselves first.
struct Finalization: Sendable {
    let context: ClusterContext
    static let foregroundFinalizer = "foregroundDeletion"
    static let orphanFinalizer = "orphan"

    /// Starts deleting an object; returns its state afterwards (terminating, or the last state).
    func delete(_ key: ObjectKey, resource: ClusterResource, options: DeleteOptions) async throws -> StoredObject {
        let store = context.store
        while true {
            guard let current = await store.get(key) else { throw StatusError.notFound(key.resource, name: key.name) }
            let uid = current.object[path: ["metadata", "uid"]]?.stringValue ?? ""
            if let expected = options.preconditionUID, expected != uid {
                throw StatusError.conflict(key.resource, name: key.name,
                                        why: "Precondition failed: UID in precondition: \(expected), UID in object meta: \(uid)")
            }
            if let expected = options.preconditionResourceVersion, expected != String(current.resourceVersion) {
                throw StatusError.conflict(key.resource, name: key.name,
                                        why: "Precondition failed: ResourceVersion in precondition: \(expected), ResourceVersion in object meta: \(current.resourceVersion)")
            }
            var object = current.object
            var finalizers = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            let isNamespace = key.resource == GroupResource(group: "", resource: "namespaces")
            switch options.propagation {
            case .foreground? where !finalizers.contains(Self.foregroundFinalizer): finalizers.append(Self.foregroundFinalizer)
            case .orphan? where !finalizers.contains(Self.orphanFinalizer): finalizers.append(Self.orphanFinalizer)
            default: break
            }
            if finalizers.isEmpty && !isNamespace {
                if options.dryRun { return current }
                do {
                    let last = try await store.delete(key, expected: current.resourceVersion)
                    await collectDependents(of: last.object, policy: options.propagation ?? .background)
                    return last
                } catch let error as StatusError where error.reason == "Conflict" { continue }
            }
            if object[path: ["metadata", "deletionTimestamp"]] == nil {
                object[path: ["metadata", "deletionTimestamp"]] = .string(Timestamps.now())
                object[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            }
            object[path: ["metadata", "finalizers"]] = finalizers.isEmpty ? nil : .array(finalizers.map(JSON.string))
            if isNamespace { object[path: ["status", "phase"]] = "Terminating" }
            do {
                let stored = try await store.update(key, object, expected: current.resourceVersion, dryRun: options.dryRun)
                if !options.dryRun { scheduleFinalizerWork(key, object: stored.object) }
                return stored
            } catch let error as StatusError where error.reason == "Conflict" { continue }
        }
    }

    /// After an update: an object being deleted whose finalizers are all gone is removed.
    func finishIfReleased(_ stored: StoredObject, key: ObjectKey) async throws {
        guard stored.object[path: ["metadata", "deletionTimestamp"]] != nil,
              (stored.object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty else { return }
        if key.resource == GroupResource(group: "", resource: "namespaces"),
           !(stored.object[path: ["spec", "finalizers"]]?.arrayValue ?? []).isEmpty { return }
        if let last = try? await context.store.delete(key, expected: stored.resourceVersion) {
            await collectDependents(of: last.object, policy: .background)
        }
    }

    /// The garbage collector's share of a deletion: dependents deleted or orphaned.
    func collectDependents(of owner: JSON, policy: DeleteOptions.Propagation) async {
        guard let uid = owner[path: ["metadata", "uid"]]?.stringValue else { return }
        let namespace = owner[path: ["metadata", "namespace"]]?.stringValue ?? ""
        for (key, dependent) in await context.store.dependents(of: uid, namespace: namespace) {
            let owners = dependent.object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
            let remaining = owners.filter { $0["uid"]?.stringValue != uid }
            if policy == .orphan || !remaining.isEmpty {
                var copy = dependent.object
                copy[path: ["metadata", "ownerReferences"]] = remaining.isEmpty ? nil : .array(remaining)
                _ = try? await context.store.update(key, copy, expected: dependent.resourceVersion)
            } else if let resource = context.registry.resource(key.resource) {
                _ = try? await delete(key, resource: resource, options: .background)
            }
        }
    }

    /// Foreground, orphan and namespace deletions finish in the background, as the garbage
    /// collector and namespace controller do: a namespace is emptied first, then the garbage
    /// collector's finalizers (`foregroundDeletion`, `orphan`) of any object are worked off.
    func scheduleFinalizerWork(_ key: ObjectKey, object: JSON) {
        let finalizers = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
        let isNamespace = key.resource == NamespaceCleanup.namespaces
        guard isNamespace || finalizers.contains(Self.foregroundFinalizer) || finalizers.contains(Self.orphanFinalizer) else { return }
        let context = self.context
        Task {
            try? await Task.sleep(for: context.scaled(0.2))
            if isNamespace { await NamespaceCleanup(context: context).empty(key.name) }
            await Finalization(context: context).runOwnerFinalizers(key)
        }
    }

    /// After a restart: finish every deletion that was under way (terminating namespaces, objects
    /// held by the garbage collector's finalizers), as the controllers do when they start.
    func resumePendingDeletions() async {
        for (key, stored) in await context.store.terminating() {
            scheduleFinalizerWork(key, object: stored.object)
        }
    }

    private func runOwnerFinalizers(_ key: ObjectKey) async {
        guard let current = await context.store.get(key) else { return }
        var finalizers = (current.object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
        if finalizers.contains(Self.orphanFinalizer) {
            await collectDependents(of: current.object, policy: .orphan)
            finalizers.removeAll { $0 == Self.orphanFinalizer }
        }
        if finalizers.contains(Self.foregroundFinalizer) {
            await collectDependents(of: current.object, policy: .background)
            let uid = current.object[path: ["metadata", "uid"]]?.stringValue ?? ""
            for _ in 0..<200 where !(await context.store.dependents(of: uid, namespace: key.namespace).isEmpty) {
                try? await Task.sleep(for: .milliseconds(20))
            }
            finalizers.removeAll { $0 == Self.foregroundFinalizer }
        }
        // Other finalizers (added meanwhile, or the namespace's own) are not the collector's to remove.
        while let latest = await context.store.get(key) {
            var object = latest.object
            let current = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
            let kept = current.filter { $0 != Self.foregroundFinalizer && $0 != Self.orphanFinalizer || finalizers.contains($0) }
            object[path: ["metadata", "finalizers"]] = kept.isEmpty ? nil : .array(kept.map(JSON.string))
            do {
                let stored = try await context.store.update(key, object, expected: latest.resourceVersion)
                try? await finishIfReleased(stored, key: key)
                return
            } catch let error as StatusError where error.reason == "Conflict" {
                continue
            } catch {
                return
            }
        }
    }
}

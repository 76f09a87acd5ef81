import Manifests

extension KubeClient {
    /// The object, or `nil` when it does not exist.
    public func getIfExists(_ identity: ObjectIdentity) async throws -> JSON? {
        do { return try await get(identity) } catch let error as APIError where error.reason == .notFound { return nil }
    }

    /// Whether a kind is namespaced, from discovery (its preferred version); `nil` when the
    /// cluster does not serve it, even after discovering again.
    public func isNamespaced(_ kind: GroupKind) async throws -> Bool? {
        try await discovery.resource(for: kind)?.namespaced
    }

    /// Returns once the object no longer exists (a finalizer or foreground deletion may hold it);
    /// throws `KubeClientError.timedOut` when `timeout` passes first. Watches the one object
    /// instead of polling.
    public func waitUntilGone(_ identity: ObjectIdentity, timeout: Duration) async throws {
        guard let current = try await getIfExists(identity) else { return }
        let request = WatchRequest(namespace: identity.namespace, fieldSelector: "metadata.name=\(identity.name)",
                                   resourceVersion: current[path: ["metadata", "resourceVersion"]]?.stringValue)
        let events = watch(identity.type, request)
        let gone = try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                for try await event in events {
                    switch event {
                    case .deleted: return true
                    case .relisted(let items, _) where items.isEmpty: return true
                    default: continue
                    }
                }
                return false
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let first = try await group.next() ?? false
            group.cancelAll()
            return first
        }
        // The watch may have started after the deletion finished: a last look decides.
        if !gone, try await getIfExists(identity) != nil { throw KubeClientError.timedOut("waiting for \(identity) to be deleted") }
    }
}

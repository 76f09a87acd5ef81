import Manifests

/// One change to one object, as watchers receive it.
struct StoreEvent: Sendable {
    enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED"
        /// Only carries a resourceVersion: "you have seen everything up to here".
        case bookmark = "BOOKMARK"
    }

    var kind: Kind
    var key: ObjectKey
    /// The object after the change (for DELETED: its last state).
    var object: StoredObject
    /// The object before a modification, so selector watches can see objects leave or enter.
    var previous: JSON?
    /// A BOOKMARK that ends the initial events of a `sendInitialEvents` watch
    /// (annotation `k8s.io/initial-events-end: "true"`).
    var endsInitialEvents = false
}

/// Which events one watch wants: one resource (or every resource), one namespace (or all),
/// and label and field selectors.
struct WatchFilter: Sendable {
    var resource: GroupResource?
    var namespace: String?
    var labels = LabelQuery()
    var fields = FieldSelector()

    private func selects(_ object: JSON) -> Bool {
        labels.matches(StoredObject.labels(of: object)) && fields.matches(object)
    }

    /// The event this watch sees, or nil. With selectors a modification can turn into ADDED
    /// (the object starts matching) or DELETED (it stops), as the API server's watch cache does.
    func translate(_ event: StoreEvent) -> StoreEvent? {
        if event.kind == .bookmark { return event }
        if let resource, resource != event.key.resource { return nil }
        if let namespace, !namespace.isEmpty, namespace != event.key.namespace { return nil }
        let now = selects(event.object.object)
        switch event.kind {
        case .added, .deleted, .bookmark:
            return now ? event : nil
        case .modified:
            let before = event.previous.map(selects) ?? now
            switch (before, now) {
            case (true, true): return event
            case (false, true): var e = event; e.kind = .added; return e
            case (true, false): var e = event; e.kind = .deleted; return e
            case (false, false): return nil
            }
        }
    }
}

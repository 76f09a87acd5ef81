import Manifests

/// One change seen by a watch.
public enum WatchEvent: Sendable {
    case added(JSON)
    case modified(JSON)
    case deleted(JSON)
    /// The server's progress marker: nothing changed up to this resourceVersion.
    case bookmark(resourceVersion: String)
    /// The server no longer had the history to resume from (410 Expired), so the watch listed
    /// afresh: `items` is the whole current state, replacing whatever the consumer held.
    case relisted(items: [JSON], resourceVersion: String)
    /// A stream failed (the server went away, the connection broke) and the watch is retrying:
    /// until `.reconnected`, a consumer's picture may be missing changes.
    case interrupted(reason: String)
    /// A stream answered again after `.interrupted`; what was missed follows as events (or as
    /// `.relisted` when the server no longer had it).
    case reconnected

    /// The object of an added, modified or deleted event.
    public var object: JSON? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): return object
        case .bookmark, .relisted, .interrupted, .reconnected: return nil
        }
    }
}

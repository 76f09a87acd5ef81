import Foundation
import Manifests

/// All objects of the cluster, one cluster-wide resourceVersion counter, the recent-event window
/// that watches resume from, and the durable journal. Writes are compare-and-swap on the
/// resourceVersion, as etcd's are; policy (defaults, generation, admission) lives above.
actor ObjectStore {
    private var objects: [GroupResource: [String: StoredObject]] = [:]
    private(set) var resourceVersion: Int64 = 0
    private var recentEvents: [StoreEvent] = []
    /// Every event with a resourceVersion above this one is in `recentEvents`.
    private var windowStart: Int64 = 0
    /// Set when the server stops: no watch opens after that.
    private var watchesStopped = false
    private var watchers: [UUID: (filter: WatchFilter, continuation: AsyncStream<StoreEvent>.Continuation)] = [:]
    private let journal: PersistenceLog
    /// How many events watches can resume from; older resourceVersions get 410 Expired.
    let eventWindow: Int
    /// Journal records since the last snapshot; past `compactionThreshold` the journal is folded
    /// into a new snapshot so it does not grow without bound in a long-running cluster.
    private var journalRecords = 0
    private let compactionThreshold: Int

    init(directory: String, eventWindow: Int = 10_000, compactionThreshold: Int = 50_000) throws {
        journal = PersistenceLog(directory: directory)
        self.eventWindow = eventWindow
        self.compactionThreshold = compactionThreshold
        let loaded = try journal.load()
        resourceVersion = loaded.resourceVersion
        windowStart = loaded.resourceVersion
        for (key, stored) in loaded.objects { objects[key.resource, default: [:]][key.path] = stored }
        try journal.compact(objects: loaded.objects, resourceVersion: loaded.resourceVersion)
    }

    // MARK: Reading

    func get(_ key: ObjectKey) -> StoredObject? { objects[key.resource]?[key.path] }

    /// Objects of a resource (in one namespace, or all when nil), sorted by namespace/name.
    func list(_ resource: GroupResource, namespace: String?) -> (items: [StoredObject], resourceVersion: Int64) {
        let all = objects[resource] ?? [:]
        var items: [(String, StoredObject)] = []
        if let namespace, !namespace.isEmpty {
            let prefix = namespace + "/"
            items = all.filter { $0.key.hasPrefix(prefix) }.map { ($0.key, $0.value) }
        } else {
            items = all.map { ($0.key, $0.value) }
        }
        items.sort { $0.0 < $1.0 }
        return (items.map(\.1), resourceVersion)
    }

    /// Objects (in one namespace plus all cluster-scoped ones) that name `uid` as an owner.
    func dependents(of uid: String, namespace: String) -> [(ObjectKey, StoredObject)] {
        var found: [(ObjectKey, StoredObject)] = []
        let prefix = namespace + "/"
        for (resource, byPath) in objects {
            for (path, stored) in byPath {
                let inScope = !path.contains("/") || (!namespace.isEmpty && path.hasPrefix(prefix)) || namespace.isEmpty
                guard inScope, let owners = stored.object[path: ["metadata", "ownerReferences"]]?.arrayValue,
                      owners.contains(where: { $0["uid"]?.stringValue == uid }) else { continue }
                let name = stored.object[path: ["metadata", "name"]]?.stringValue ?? ""
                let ns = path.contains("/") ? String(path[..<path.firstIndex(of: "/")!]) : ""
                found.append((ObjectKey(resource: resource, namespace: ns, name: name), stored))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Keys of every object in a namespace, whatever its resource.
    func keys(inNamespace namespace: String) -> [ObjectKey] {
        let prefix = namespace + "/"
        var keys: [ObjectKey] = []
        for (resource, byPath) in objects {
            for path in byPath.keys where path.hasPrefix(prefix) {
                keys.append(ObjectKey(resource: resource, namespace: namespace, name: String(path.dropFirst(prefix.count))))
            }
        }
        return keys.sorted()
    }

    /// Objects being deleted (with a deletionTimestamp), whatever their resource.
    func terminating() -> [(ObjectKey, StoredObject)] {
        var found: [(ObjectKey, StoredObject)] = []
        for (resource, byPath) in objects {
            for (path, stored) in byPath where stored.object[path: ["metadata", "deletionTimestamp"]] != nil {
                let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
                let key = parts.count == 2 ? ObjectKey(resource: resource, namespace: parts[0], name: parts[1])
                                           : ObjectKey(resource: resource, namespace: "", name: path)
                found.append((key, stored))
            }
        }
        return found.sorted { $0.0 < $1.0 }
    }

    /// Every stored key of one resource.
    func keys(of resource: GroupResource) -> [ObjectKey] {
        (objects[resource] ?? [:]).map { path, stored in
            let ns = path.contains("/") ? String(path[..<path.firstIndex(of: "/")!]) : ""
            return ObjectKey(resource: resource, namespace: ns, name: stored.object[path: ["metadata", "name"]]?.stringValue ?? "")
        }.sorted()
    }

    // MARK: Writing

    /// Last-moment work on an object about to be written, given the other objects of its resource,
    /// run inside the store so nothing else is written in between (a Service's address allocation).
    typealias Preparation = @Sendable (inout JSON, _ others: [JSON]) throws -> Void

    /// Stores a new object, giving it the next resourceVersion.
    func create(_ key: ObjectKey, _ object: JSON, dryRun: Bool = false, prepare: Preparation? = nil) async throws -> StoredObject {
        if objects[key.resource]?[key.path] != nil { throw StatusError.alreadyExists(key.resource, name: key.name) }
        var object = object
        if let prepare { try prepare(&object, others(of: key)) }
        let next = resourceVersion + 1
        let stored = StoredObject(Self.stamped(object, next), resourceVersion: next)
        try Self.checkSize(stored)
        if dryRun { return stored }
        try await commit(key, stored, event: .added, previous: nil)
        return stored
    }

    /// Replaces an object if its resourceVersion is still `expected`. A replacement equal to the
    /// stored object changes nothing and keeps the resourceVersion.
    func update(_ key: ObjectKey, _ object: JSON, expected: Int64, dryRun: Bool = false, prepare: Preparation? = nil) async throws -> StoredObject {
        guard let current = objects[key.resource]?[key.path] else { throw StatusError.notFound(key.resource, name: key.name) }
        guard current.resourceVersion == expected else { throw StatusError.modified(key.resource, name: key.name) }
        var object = object
        if let prepare { try prepare(&object, others(of: key)) }
        if Self.stamped(object, current.resourceVersion) == current.object { return current }
        // A dry run shows the result without claiming a resourceVersion, as on a real server.
        if dryRun { return StoredObject(Self.stamped(object, current.resourceVersion), resourceVersion: current.resourceVersion) }
        let next = resourceVersion + 1
        let stored = StoredObject(Self.stamped(object, next), resourceVersion: next)
        try Self.checkSize(stored)
        try await commit(key, stored, event: .modified, previous: current.object)
        return stored
    }

    private func others(of key: ObjectKey) -> [JSON] {
        (objects[key.resource] ?? [:]).compactMap { $0.key == key.path ? nil : $0.value.object }
    }

    /// Removes an object if its resourceVersion is still `expected` (when given).
    func delete(_ key: ObjectKey, expected: Int64? = nil, dryRun: Bool = false) async throws -> StoredObject {
        guard let current = objects[key.resource]?[key.path] else { throw StatusError.notFound(key.resource, name: key.name) }
        if let expected, current.resourceVersion != expected { throw StatusError.modified(key.resource, name: key.name) }
        if dryRun { return current }
        let next = resourceVersion + 1
        resourceVersion = next
        objects[key.resource]?[key.path] = nil
        let last = StoredObject(Self.stamped(current.object, next), resourceVersion: next)
        publish(StoreEvent(kind: .deleted, key: key, object: last, previous: current.object))
        // State changes before the suspension, so concurrent writes see it; the reply waits for the disk.
        try await journal.appendDelete(key, resourceVersion: next)
        try compactIfLong()
        return last
    }

    private func commit(_ key: ObjectKey, _ stored: StoredObject, event: StoreEvent.Kind, previous: JSON?) async throws {
        resourceVersion = stored.resourceVersion
        objects[key.resource, default: [:]][key.path] = stored
        publish(StoreEvent(kind: event, key: key, object: stored, previous: previous))
        // State changes before the suspension, so concurrent writes see it; the reply waits for the disk.
        try await journal.appendPut(key, stored)
        try compactIfLong()
    }

    private func compactIfLong() throws {
        journalRecords += 1
        guard journalRecords >= compactionThreshold else { return }
        var all: [ObjectKey: StoredObject] = [:]
        for (resource, byPath) in objects {
            for (path, stored) in byPath {
                let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
                let key = parts.count == 2 ? ObjectKey(resource: resource, namespace: parts[0], name: parts[1])
                                           : ObjectKey(resource: resource, namespace: "", name: path)
                all[key] = stored
            }
        }
        try journal.compact(objects: all, resourceVersion: resourceVersion)
        journalRecords = 0
    }

    /// etcd's request limit (1.5 MiB by default): a larger object is refused as kube-apiserver
    /// passes etcd's error on, 413 `etcdserver: request is too large`.
    static let maximumObjectBytes = 1_572_864

    private static func checkSize(_ stored: StoredObject) throws {
        if stored.bytes.count > maximumObjectBytes {
            throw StatusError(code: 413, reason: "RequestEntityTooLarge", message: "etcdserver: request is too large")
        }
    }

    private static func stamped(_ object: JSON, _ version: Int64) -> JSON {
        var copy = object
        copy[path: ["metadata", "resourceVersion"]] = .string(String(version))
        return copy
    }

    // MARK: Watching

    /// Forgets the history so far, as a watch cache filled by a LIST at start does: watches can
    /// resume only from versions after this point (older ones get 410 Expired).
    func startWatchHistory() {
        recentEvents.removeAll()
        windowStart = resourceVersion
    }

    /// Objects of a resource as they were at `version`, rebuilt from the live objects by undoing
    /// the newer events (for a consistent `continue` page); nil when `version` is older than the window.
    func list(_ resource: GroupResource, namespace: String?, asOf version: Int64) -> [StoredObject]? {
        if version >= resourceVersion { return list(resource, namespace: namespace).items }
        guard version >= windowStart else { return nil }
        var byPath = objects[resource] ?? [:]
        for event in recentEvents.reversed() where event.object.resourceVersion > version && event.key.resource == resource {
            switch event.kind {
            case .added: byPath[event.key.path] = nil
            case .modified, .deleted:
                if let previous = event.previous {
                    let previousVersion = Int64(previous[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0
                    byPath[event.key.path] = StoredObject(previous, resourceVersion: previousVersion)
                }
            case .bookmark: break
            }
        }
        var items = Array(byPath)
        if let namespace, !namespace.isEmpty { items = items.filter { $0.key.hasPrefix(namespace + "/") } }
        return items.sorted { $0.key < $1.key }.map(\.value)
    }

    /// Events after `resourceVersion` (replayed from the window) and then live ones; a version
    /// older than the window throws 410 Expired. `nil` starts with the current state as ADDED.
    func watch(_ filter: WatchFilter, after since: Int64?, markInitialEventsEnd: Bool = false) throws
        -> (stream: AsyncStream<StoreEvent>, id: UUID) {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreEvent.self, bufferingPolicy: .unbounded)
        if watchesStopped {
            // The server is stopping: a watch opened now ends at once rather than outliving it.
            continuation.finish()
            return (stream, UUID())
        }
        if let since {
            if since < windowStart {
                throw StatusError.expired("too old resource version: \(since) (\(windowStart + 1))")
            }
            for event in recentEvents where event.object.resourceVersion > since {
                if let seen = filter.translate(event) { continuation.yield(seen) }
            }
        } else if let resource = filter.resource {
            for stored in list(resource, namespace: filter.namespace).items {
                let key = ObjectKey(resource: resource, namespace: stored.object[path: ["metadata", "namespace"]]?.stringValue ?? "",
                                    name: stored.object[path: ["metadata", "name"]]?.stringValue ?? "")
                if let seen = filter.translate(StoreEvent(kind: .added, key: key, object: stored, previous: nil)) {
                    continuation.yield(seen)
                }
            }
            if markInitialEventsEnd {
                let marker = StoredObject(["metadata": ["resourceVersion": .string(String(resourceVersion))]], resourceVersion: resourceVersion)
                continuation.yield(StoreEvent(kind: .bookmark, key: ObjectKey(resource: resource, namespace: "", name: ""),
                                              object: marker, previous: nil, endsInitialEvents: true))
            }
        }
        let id = UUID()
        watchers[id] = (filter, continuation)
        continuation.onTermination = { _ in Task { await self.stopWatching(id) } }
        return (stream, id)
    }

    /// Queues a BOOKMARK at the current resourceVersion behind the events already sent to a watch.
    func sendBookmark(to id: UUID, resource: GroupResource) {
        guard let watcher = watchers[id] else { return }
        let marker = StoredObject(["metadata": ["resourceVersion": .string(String(resourceVersion))]],
                                  resourceVersion: resourceVersion)
        watcher.continuation.yield(StoreEvent(kind: .bookmark, key: ObjectKey(resource: resource, namespace: "", name: ""),
                                              object: marker, previous: nil))
    }

    /// How many watches are open (the controllers' own included).
    var watchCount: Int { watchers.count }

    func stopWatching(_ id: UUID) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    /// Ends every watch (the server is stopping).
    func stopAllWatches() {
        watchesStopped = true
        for (_, watcher) in watchers { watcher.continuation.finish() }
        watchers.removeAll()
    }

    private func publish(_ event: StoreEvent) {
        recentEvents.append(event)
        if recentEvents.count > eventWindow + eventWindow / 4 {
            let dropped = recentEvents.count - eventWindow
            windowStart = recentEvents[dropped - 1].object.resourceVersion
            recentEvents.removeFirst(dropped)
        }
        for (_, watcher) in watchers {
            if let seen = watcher.filter.translate(event) { watcher.continuation.yield(seen) }
        }
    }
}

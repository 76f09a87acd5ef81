import KubeAPI
import Manifests

/// One resource type's tracked objects in one cluster, kept current the way client-go's
/// reflector keeps an informer's store: LIST, then WATCH from the list's resourceVersion (with
/// bookmarks, so a resumed watch starts from a recent version); a cut stream resumes from the
/// last version seen; 410 Expired lists again; and every `resyncInterval` a full relist
/// catches anything a watch could have missed. A relist compares with what was held, so an
/// object edited or deleted while the watch was down is reported like any other change.
///
/// Objects are stored in their `CachedForm` (without what neither diff nor health reads).
///
/// While a stream is down the store may be stale: `snapshot` and `lookup` then answer
/// `nil`/`.unavailable` and the caller asks the server, as the LIST path always did.
actor ResourceInformer {
    enum Lookup: Sendable, Equatable { case unavailable, absent, found(JSON) }

    private enum Phase { case starting, synced, interrupted, failed }

    nonisolated let type: GroupVersionKind
    nonisolated let selector: String
    nonisolated let resyncInterval: Duration
    private let client: KubeClient
    private let changed: @Sendable (TrackedChange) -> Void
    /// Told of every change to the store, per environment (`SettledEnvironment` relies on it).
    private let changes: EnvironmentChanges
    private var objects = TrackedObjects()
    private var phase = Phase.starting {
        didSet { if phase != oldValue { changes.everything() } }
    }
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var loop: Task<Void, Never>?
    private var stopped = false
    /// LISTs sent so far (the first one and every relist): for tests and diagnostics.
    private(set) var lists = 0

    init(type: GroupVersionKind, selector: String, client: KubeClient, resyncInterval: Duration,
         changes: EnvironmentChanges = EnvironmentChanges(), changed: @escaping @Sendable (TrackedChange) -> Void) {
        self.type = type
        self.selector = selector
        self.client = client
        self.resyncInterval = resyncInterval
        self.changed = changed
        self.changes = changes
    }

    func start() {
        guard loop == nil, !stopped else { return }
        loop = Task { await self.run() }
    }

    func stop() {
        stopped = true
        loop?.cancel()
        loop = nil
        resumeWaiters()
    }

    /// Every object held, once the first LIST answered; `nil` when the store cannot be trusted
    /// now (never listed successfully, or a stream is down).
    func snapshot() async -> [JSON]? {
        await firstAnswer()
        return phase == .synced ? objects.all : nil
    }

    /// Like `snapshot`, only the objects labelled for `environment` (from the store's index).
    func snapshot(environment: String) async -> [JSON]? {
        await firstAnswer()
        return phase == .synced ? objects.labelled(environment) : nil
    }

    func lookup(_ identity: ObjectIdentity) async -> Lookup {
        await firstAnswer()
        guard phase == .synced else { return .unavailable }
        return objects[identity].map(Lookup.found) ?? .absent
    }

    /// An object this process just wrote, as the server returned it: stored at once, so the next
    /// read sees its own write even before the watch delivers it (client-go's mutation cache).
    func observe(_ written: JSON) {
        guard EqualitySelector(selector)?.matches(written) ?? false else {
            if let identity = ObjectIdentity(of: written) { changes.stored(objects.remove(identity), nil) }
            return
        }
        store(written)
    }

    /// Stores `received` in its `CachedForm` unless the store holds a newer version of it; what
    /// it replaced and what it stored, `nil` when it stored nothing.
    @discardableResult
    private func store(_ received: JSON) -> (held: JSON?, stored: JSON)? {
        let object = CachedForm.of(received)
        guard let identity = ObjectIdentity(of: object) else { return nil }
        let held = objects[identity]
        if let held, Self.isOlder(object, than: held) { return nil }
        objects[identity] = object
        changes.stored(held, object)
        return (held, object)
    }

    // MARK: - The loop

    private func run() async {
        var failures = 0
        while !Task.isCancelled {
            do {
                let list = try await client.listAll(type, labelSelector: selector)
                lists += 1
                replaceAll(list.items)
                failures = 0
                try await follow(from: list.resourceVersion)
            } catch {
                if Task.isCancelled { return }
                failures += 1
                phase = .failed
                resumeWaiters()
                try? await Task.sleep(for: Self.backoff(after: failures))
            }
        }
    }

    /// Watches from `resourceVersion` until the resync interval ends it (returns) or the watch
    /// gives up (throws).
    private func follow(from resourceVersion: String) async throws {
        let events = client.watch(type, WatchRequest(labelSelector: selector, resourceVersion: resourceVersion))
        let interval = resyncInterval
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await event in events { await self.handle(event) }
                throw CancellationError()
            }
            group.addTask { try await Task.sleep(for: interval) }
            try await group.next()
            group.cancelAll()
        }
    }

    private func handle(_ event: WatchEvent) {
        switch event {
        case .added(let received), .modified(let received):
            if let (held, stored) = store(received) { report(held, stored) }
        case .deleted(let object):
            guard let identity = ObjectIdentity(of: object) else { return }
            let held = objects.remove(identity)
            changes.stored(held, nil)
            report(held, nil)
        case .relisted(let items, _):
            lists += 1
            replaceAll(items)
        case .interrupted:
            phase = .interrupted
        case .reconnected:
            phase = .synced
        case .bookmark:
            break
        }
    }

    private func replaceAll(_ items: [JSON]) {
        let fresh = TrackedObjects(items.map(CachedForm.of))
        let previous = objects
        objects = fresh
        changes.everything()
        if phase != .starting {
            for (identity, old) in previous.byIdentity where fresh[identity] == nil { report(old, nil) }
            for (identity, new) in fresh.byIdentity { report(previous[identity], new) }
        }
        phase = .synced
        resumeWaiters()
    }

    private func report(_ old: JSON?, _ new: JSON?) {
        if let change = TrackedChange.between(old, new) { changed(change) }
    }

    // MARK: - Waiting for the first answer

    private func firstAnswer() async {
        start()
        guard phase == .starting, !stopped else { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func resumeWaiters() {
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.resume() }
    }

    /// Whether `object` is an older version than `held`. resourceVersions are opaque to
    /// clients in principle; every API server in use (etcd's revision, the embedded cluster's
    /// counter) issues increasing integers, which is what client-go's mutation cache relies on too.
    private static func isOlder(_ object: JSON, than held: JSON) -> Bool {
        guard let mine = version(of: object), let theirs = version(of: held) else { return false }
        return mine < theirs
    }

    private static func version(of object: JSON) -> Int64? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int64($0) }
    }

    private static func backoff(after failures: Int) -> Duration {
        .milliseconds(min(200 << min(failures - 1, 6), 10_000))
    }
}

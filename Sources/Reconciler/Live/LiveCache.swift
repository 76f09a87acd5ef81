import KubeAPI
import Manifests
import Synchronization

/// The live objects mooring tracks in one cluster, kept by one `ResourceInformer` per resource
/// type (LIST then WATCH, selected by `app.kubernetes.io/managed-by=mooring`), shared by every
/// environment moored to that cluster. A type is watched from the first time a reconcile lists
/// it; from then on `mooring run` reads that type from memory, so a pass that changes nothing
/// sends no request at all. `run --once`, `diff` and `sync` do not use it: they LIST.
///
/// Changes to tracked objects are passed to `onChange` handlers: how `mooring run` notices
/// drift (a `kubectl scale`, an edit, a deletion) at once instead of at the next poll.
public final class LiveCache: Sendable {
    /// The one label every tracked object of every environment and installation carries.
    public static let selector = "\(Tracking.managedByLabel)=\(Tracking.managedByValue)"

    public let client: KubeClient
    /// How often each type is listed afresh besides its watch (default 30 minutes).
    public let resyncInterval: Duration
    private let informers = Mutex<[GroupKind: ResourceInformer]>([:])
    private let handlers = Mutex<[@Sendable (TrackedChange) -> Void]>([])
    /// Which environments' objects changed, for passes that skip an unchanged environment.
    public let changes = EnvironmentChanges()

    public init(client: KubeClient, resyncInterval: Duration = .seconds(30 * 60)) {
        self.client = client
        self.resyncInterval = resyncInterval
    }

    /// Calls `handler` (on the informer's task: keep it short) for every significant change.
    public func onChange(_ handler: @escaping @Sendable (TrackedChange) -> Void) {
        handlers.withLock { $0.append(handler) }
    }

    private func notify(_ change: TrackedChange) {
        for handler in handlers.withLock({ $0 }) { handler(change) }
    }

    /// The informer of `type`'s kind, started on first use; `nil` when the kind is watched at
    /// another version (its objects would have another shape).
    func informer(for type: GroupVersionKind) async -> ResourceInformer? {
        let (informer, created) = informers.withLock { informers -> (ResourceInformer, Bool) in
            if let existing = informers[type.groupKind] { return (existing, false) }
            let informer = ResourceInformer(type: type, selector: Self.selector, client: client, resyncInterval: resyncInterval,
                                            changes: changes) { [weak self] change in self?.notify(change) }
            informers[type.groupKind] = informer
            changes.everything()
            return (informer, true)
        }
        if created { await informer.start() }
        return informer.type.version == type.version ? informer : nil
    }

    /// The informer already watching `type`'s kind at that version, if any.
    func existingInformer(for type: GroupVersionKind) -> ResourceInformer? {
        informers.withLock { $0[type.groupKind] }.flatMap { $0.type.version == type.version ? $0 : nil }
    }

    /// The types watched so far.
    public var watchedTypes: [GroupVersionKind] {
        informers.withLock { $0.values.map(\.type) }.sorted { ($0.group, $0.kind) < ($1.group, $1.kind) }
    }

    /// LISTs the informers sent so far, first ones and relists (tests, diagnostics).
    public func listsSent() async -> Int {
        var total = 0
        for informer in informers.withLock({ Array($0.values) }) { total += await informer.lists }
        return total
    }

    /// Stores an object this process wrote, as the server returned it.
    func observe(_ object: JSON) async {
        guard let identity = ObjectIdentity(of: object), let informer = existingInformer(for: identity.type) else { return }
        await informer.observe(object)
    }

    /// Ends every watch.
    public func stop() async {
        for informer in informers.withLock({ Array($0.values) }) { await informer.stop() }
    }
}

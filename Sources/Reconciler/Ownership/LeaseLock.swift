import Foundation
import Manifests

/// A `coordination.k8s.io/v1` Lease held by this process: taken (waiting if someone else holds
/// it), renewed in the background while held, taken over once its holder stops renewing for
/// `leaseDurationSeconds`, and released at the end — client-go's leader election on one Lease.
/// Kubernetes is the coordinator: every write is guarded by the Lease's resourceVersion, so of
/// two contenders exactly one wins.
///
/// One per environment makes one applier per environment (`EnvironmentLock`); replicas of
/// `mooring run` competing for many such Leases share the environments between them.
public actor LeaseLock {
    public nonisolated let name: String
    public nonisolated let namespace: String
    /// Who this process is in the Lease's `holderIdentity`.
    public nonisolated let identity: String
    public nonisolated let timing: LeaseTiming
    let cluster: any ClusterClient

    /// The last record read or written, when it was first seen as it is, and its resourceVersion.
    private var observed: (record: LeaseRecord, resourceVersion: String?, since: ContinuousClock.Instant)?
    private var renewal: Task<Void, Never>?
    private var lastRenewed: ContinuousClock.Instant?
    /// Why a Lease held earlier was lost (renewal failed past the deadline, or someone took it).
    public private(set) var lost: String?
    public private(set) var isHeld = false
    /// Why a Lease still held here can no longer be trusted: no renewal succeeded within the
    /// renew deadline, though none failed either (a server that takes the request and never
    /// answers). client-go's leader gives up at that point whether its requests failed or hung
    /// (`renew` polls under a context with the `RenewDeadline` timeout), since a standby may
    /// take the Lease over once its duration passes; so does every operation here.
    public var overdue: String? {
        guard isHeld, lost == nil, let lastRenewed, ContinuousClock.now - lastRenewed > timing.renewDeadline else { return nil }
        return "the Lease \(description) was not renewed for \(GoDuration.format(timing.renewDeadline))"
    }
    /// Annotations this holder publishes on the Lease (its owner, its claims), kept on every write.
    private var annotations: [String: String] = [:]
    /// Operations working under the Lease now (from a successful `acquire` to its `done()`).
    /// Counted inside the actor, in the same step that finds the Lease held, so nothing can
    /// give the Lease back between the two (`releaseIfUnused()`).
    private var users = 0

    public init(name: String, namespace: String, identity: String = LeaseLock.processIdentity(),
                cluster: any ClusterClient, timing: LeaseTiming = LeaseTiming(), annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.identity = identity
        self.cluster = cluster
        self.timing = timing
        self.annotations = annotations
    }

    /// `<host>_<pid>_<random>`: unique per process, and readable by the person waiting for it.
    public static func processIdentity() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host)_\(getpid())_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// `mooring-system/mooring-env-develop`
    public nonisolated var description: String { "\(namespace)/\(name)" }

    // MARK: - Taking it

    /// One attempt: takes or renews the Lease, or reports who holds it. Starts the background
    /// renewal when it takes it.
    public func tryAcquire() async throws -> LeaseHolder? {
        let clock = ContinuousClock()
        let lease = try await cluster.get(identityOfLease)
        let current = lease.map(LeaseRecord.init(lease:))
        let version = lease?[path: ["metadata", "resourceVersion"]]?.stringValue
        if let current {
            if observed?.record != current || observed?.resourceVersion != version {
                observed = (current, version, clock.now)
            }
        } else {
            observed = nil
        }
        let observedFor = observed.map { clock.now - $0.since } ?? .zero
        switch LeaseElection.decide(current: current, identity: identity, timing: timing, now: Date(), observedFor: observedFor) {
        case .heldByOther(let record):
            if isHeld { markLost("\(record.holderIdentity) took the Lease \(description) over") }
            return LeaseHolder(record: record, remaining: Duration.seconds(record.leaseDurationSeconds) - observedFor)
        case .create(let record):
            try await ensureNamespace()
            do {
                let stored = try await cluster.create(leaseObject(record, resourceVersion: nil))
                took(stored)
            } catch where ClusterError.isAlreadyExists(error) {
                return try await tryAcquire()
            }
        case .update(let record):
            do {
                let stored = try await cluster.replace(leaseObject(record, resourceVersion: version))
                took(stored)
            } catch where ClusterError.isConflict(error) {
                return try await tryAcquire()  // someone wrote it first: read again and decide again
            }
        }
        return nil
    }

    /// Takes the Lease, waiting while someone else holds it (saying so through `progress` when
    /// the holder changes, and every 30 seconds). With `wait: false`, one attempt: a Lease held
    /// elsewhere throws `LeaseHeld`. Returns at once when this process already holds it; throws
    /// `CancellationError` when the task is cancelled or `stopped` answers true while waiting.
    /// Each successful acquire counts as a use of the Lease until `done()`.
    public func acquire(wait: Bool, until stopped: @Sendable () -> Bool = { false },
                        progress: @Sendable (String) -> Void = { _ in }) async throws {
        if isHeld && lost == nil && overdue == nil {
            users += 1
            return
        }
        let clock = ContinuousClock()
        var said: (holder: String, at: ContinuousClock.Instant)?
        while true {
            guard let holder = try await tryAcquire() else {
                users += 1
                return
            }
            guard wait else { throw LeaseHeld(lease: description, holder: holder) }
            if said?.holder != holder.record.holderIdentity || clock.now - said!.at >= .seconds(30) {
                progress("waiting: \(holder.sentence(lease: description))")
                said = (holder.record.holderIdentity, clock.now)
            }
            let resume = clock.now + timing.retryPeriod
            while clock.now < resume {
                if stopped() { throw CancellationError() }
                try await Task.sleep(for: min(.milliseconds(100), resume - clock.now))
            }
        }
    }

    /// The operation that acquired the Lease has ended (the Lease stays held until released).
    public func done() { users = max(0, users - 1) }

    /// An operation works under the Lease now.
    public var inUse: Bool { users > 0 }

    /// Gives the Lease up unless an operation works under it: a replica spreading environments
    /// must not hand over one whose apply is still running, for that apply would go on without
    /// the Lease while the next holder applies too. `false` when it was kept.
    public func releaseIfUnused() async -> Bool {
        guard users == 0 else { return false }
        await release()
        return true
    }

    /// Gives the Lease up (client-go's release: no holder, duration 1 s) so the next applier
    /// need not wait for it to expire. Keeps quiet when it was lost meanwhile.
    public func release() async {
        // A renewal in flight finishes first: otherwise its retry after a conflict could read the
        // released Lease and take it again (the actor is re-entered at every request it awaits).
        let renewing = renewal
        renewal?.cancel()
        renewal = nil
        await renewing?.value
        guard isHeld else { return }
        isHeld = false
        // A renewal cancelled mid-request may have been written without this process reading the
        // answer: the write below then conflicts. Read the Lease again and, while it is still ours,
        // give it up at its current version — else the next applier waits out the whole duration.
        for _ in 0..<3 {
            guard let observed, observed.record.holderIdentity == identity else { return }
            var released = observed.record
            released.holderIdentity = ""
            released.leaseDurationSeconds = 1
            released.renewTime = Date()
            released.acquireTime = Date()
            do {
                _ = try await cluster.replace(leaseObject(released, resourceVersion: observed.resourceVersion))
                return
            } catch where ClusterError.isConflict(error) {
                guard let lease = try? await cluster.get(identityOfLease) else { return }
                self.observed = (LeaseRecord(lease: lease), lease[path: ["metadata", "resourceVersion"]]?.stringValue, ContinuousClock.now)
            } catch {
                return
            }
        }
    }

    /// Publishes an annotation on the Lease while holding it (written at once, and kept by every
    /// renewal); `nil` removes it. Does nothing when the Lease is not held.
    public func publish(_ key: String, _ value: String?) async throws {
        guard annotations[key] != value else { return }
        annotations[key] = value
        guard isHeld, let observed, observed.record.holderIdentity == identity else { return }
        do {
            took(try await cluster.replace(leaseObject(observed.record, resourceVersion: observed.resourceVersion)))
        } catch where ClusterError.isConflict(error) {
            _ = try await tryAcquire()  // renewed meanwhile: the next write carries it
        }
    }

    // MARK: - Keeping it

    private func took(_ stored: JSON) {
        observed = (LeaseRecord(lease: stored), stored[path: ["metadata", "resourceVersion"]]?.stringValue, ContinuousClock.now)
        lastRenewed = ContinuousClock.now
        lost = nil
        if !isHeld {
            isHeld = true
            startRenewing()
        }
    }

    /// Renews every `renewInterval` (less a random fifth, so a thousand Leases taken together
    /// do not renew together), and every retry period after a renewal that failed.
    private func startRenewing() {
        renewal?.cancel()
        let timing = self.timing
        renewal = Task { [weak self] in
            var delay = timing.renewInterval * Double.random(in: 0.8...1)
            while !Task.isCancelled {
                try? await Task.sleep(for: delay)
                guard !Task.isCancelled, let self else { return }
                let renewed = await self.renewOnce()
                delay = renewed ? timing.renewInterval * Double.random(in: 0.8...1) : timing.retryPeriod
            }
        }
    }

    /// One renewal; past the renew deadline without success, the Lease counts as lost. Whether
    /// the Lease was written.
    private func renewOnce() async -> Bool {
        guard isHeld else { return false }
        do {
            if try await renewOnObserved() { return true }
            if let holder = try await tryAcquire() {
                markLost("\(holder.record.holderIdentity) took the Lease \(description) over")
                return false
            }
            return true
        } catch {
            if let lastRenewed, ContinuousClock.now - lastRenewed > timing.renewDeadline {
                markLost("the Lease \(description) could not be renewed for \(GoDuration.format(timing.renewDeadline)): \(error)")
            }
            return false
        }
    }

    /// client-go's fast path for the holder (`tryAcquireOrRenew`, since 1.27): write the renewal
    /// over the record this process wrote last, guarded by its resourceVersion, without reading
    /// it first — one request per renewal instead of two, which with a Lease per environment and
    /// a thousand environments is 500 requests a second fewer. Any failure (a conflict: someone
    /// wrote the Lease meanwhile; or it was deleted) answers `false`: the caller reads and
    /// decides as on any attempt.
    private func renewOnObserved() async throws -> Bool {
        guard let observed, observed.record.holderIdentity == identity, let version = observed.resourceVersion,
              case .update(let record) = LeaseElection.decide(current: observed.record, identity: identity, timing: timing,
                                                               now: Date(), observedFor: .zero)
        else { return false }
        do {
            took(try await cluster.replace(leaseObject(record, resourceVersion: version)))
            return true
        } catch {
            return false
        }
    }

    private func markLost(_ reason: String) {
        lost = reason
        isHeld = false
        renewal?.cancel()
        renewal = nil
    }

    // MARK: - The object

    private var identityOfLease: ObjectIdentity {
        ObjectIdentity(type: .leaseV1, namespace: namespace, name: name)
    }

    private func leaseObject(_ record: LeaseRecord, resourceVersion: String?) -> JSON {
        var metadata: JSON = ["name": .string(name), "namespace": .string(namespace)]
        metadata[path: ["labels", Tracking.managedByLabel]] = .string(Tracking.managedByValue)
        for (key, value) in annotations.sorted(by: { $0.key < $1.key }) { metadata[path: ["annotations", key]] = .string(value) }
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        return ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": metadata, "spec": record.spec]
    }

    private func ensureNamespace() async throws {
        let namespaceIdentity = ObjectIdentity(type: GroupVersionKind(group: "", version: "v1", kind: "Namespace"), namespace: nil, name: namespace)
        if try await cluster.get(namespaceIdentity) == nil {
            let object: JSON = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]]
            _ = try await cluster.apply(object, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
        }
    }
}

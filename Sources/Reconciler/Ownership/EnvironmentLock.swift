import Manifests

/// One applier per environment: the environment's Lease (`mooring-env-<name>` in
/// `mooring-system` of its cluster) is taken before anything is read for an apply and kept
/// while applying. `diff` and `status` only read and never take it.
public struct EnvironmentLock: Sendable {
    /// When the Lease is given back.
    public enum Tenure: Sendable {
        /// After each `sync` or poll (`mooring sync`, `mooring run --once`).
        case perOperation
        /// Until `release()` (`mooring run`): another runner waits — a standby that takes over
        /// once this one stops renewing.
        case untilReleased
    }

    public let lease: LeaseLock
    /// Wait while someone else holds it (`false`: `--no-wait`, fail at once).
    public var wait: Bool
    public var tenure: Tenure
    /// Ends a wait for the Lease early (`mooring run` told to stop).
    public var stop: StopSignal?
    /// Where waiting is reported; the reconciler's progress when `nil`. Waiting on another
    /// process belongs in a log even where progress lines are off.
    public var notices: SyncProgress?

    public init(lease: LeaseLock, wait: Bool = true, tenure: Tenure = .perOperation, stop: StopSignal? = nil) {
        self.lease = lease
        self.wait = wait
        self.tenure = tenure
        self.stop = stop
    }

    /// The Lease of `environment` in its cluster.
    public init(environment: EnvironmentConfiguration, cluster: any ClusterClient, wait: Bool = true,
                tenure: Tenure = .perOperation, timing: LeaseTiming = LeaseTiming(), identity: String = LeaseLock.processIdentity()) {
        self.init(lease: LeaseLock(name: Self.leaseName(environment), namespace: History.namespace, identity: identity,
                                   cluster: cluster, timing: timing,
                                   annotations: [Tracking.ownerAnnotation: environment.owner.annotationValue]),
                  wait: wait, tenure: tenure)
    }

    /// `mooring-env-develop`; with an installation other than the default,
    /// `mooring-env-<installation>-develop`, so two configurations never wait for each other.
    public static func leaseName(_ environment: EnvironmentConfiguration) -> String {
        environment.installation == MooringConfiguration.defaultInstallation
            ? "mooring-env-\(environment.name)" : "mooring-env-\(environment.installation)-\(environment.name)"
    }

    /// Takes the Lease (waiting, or failing with `ReconcileError.locked`) unless already held.
    func hold(environment: String, progress: SyncProgress) async throws {
        do {
            let stop = self.stop, progress = notices ?? progress
            try await lease.acquire(wait: wait, until: { stop?.isStopped == true }) { line in progress.say("\(environment): \(line)") }
        } catch let held as LeaseHeld {
            throw ReconcileError.locked("environment \(environment) is being applied elsewhere: \(held); "
                + "run again without --no-wait to wait for it")
        } catch let error as ReconcileError {
            throw error
        } catch is CancellationError {
            throw ReconcileError.locked("environment \(environment): stopped while waiting for the Lease \(lease.description)")
        } catch {
            throw ReconcileError.cluster("taking the Lease \(lease.description) of environment \(environment) failed: \(error)")
        }
    }

    /// Why applying must stop now: the Lease was lost while applying, or given back (a race
    /// `releaseIfUnused` cannot see: a release already under way when the operation began).
    func interruption() async -> String? {
        if let lost = await lease.lost { return "the Lease was lost (\(lost)); nothing more is applied" }
        if let overdue = await lease.overdue { return "the Lease was lost (\(overdue)); nothing more is applied" }
        if await !lease.isHeld { return "the Lease \(lease.description) was given back; nothing more is applied" }
        return nil
    }

    /// Ends the operation's use of the Lease, and gives it back when its tenure says so.
    func finish() async {
        await lease.done()
        if tenure == .perOperation { await lease.release() }
    }

    public func release() async { await lease.release() }
}

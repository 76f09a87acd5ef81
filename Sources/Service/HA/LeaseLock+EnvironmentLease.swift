import Reconciler

/// The Reconciler's per-environment Lease is what replicas compete for: the same `LeaseLock`
/// the reconcile holds while applying (so a Lease lost mid-apply stops the apply).
extension LeaseLock: EnvironmentLease {
    public nonisolated var leaseName: String { name }
    public nonisolated var leaseNamespace: String { namespace }
    public func isHeldHere() async -> Bool { isHeld && lost == nil && overdue == nil }
    public func attempt() async throws -> Bool { try await tryAcquire() == nil }
    public func giveUp() async { await release() }
    public func giveUpIfIdle() async -> Bool { await releaseIfUnused() }
}

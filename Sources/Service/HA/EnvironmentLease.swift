/// One environment's Lease as replicas compete for it: the Reconciler's per-environment Lease
/// (client-go's leader election on a `coordination.k8s.io/v1` Lease) seen from the service.
public protocol EnvironmentLease: Sendable {
    /// The Lease object's name and namespace (`mooring-env-develop` in `mooring-system`).
    var leaseName: String { get }
    var leaseNamespace: String { get }
    /// Held by this process now (renewed, not lost).
    func isHeldHere() async -> Bool
    /// One attempt: renews, or takes the Lease when it is free, released or expired; `true`
    /// when this process holds it afterwards. Calling it every retry period keeps the
    /// observation client-go's expiry is judged by.
    func attempt() async throws -> Bool
    /// Gives it up (released: the next contender need not wait for it to expire).
    func giveUp() async
    /// Gives it up unless a reconcile works under it now (then `false`: asked again next round).
    func giveUpIfIdle() async -> Bool
}

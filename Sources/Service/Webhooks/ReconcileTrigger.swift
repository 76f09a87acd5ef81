/// Where a webhook hands its work: reconcile these environments soon (fetching first). It
/// returns at once; the run loop coalesces requests that arrive while it is busy.
public protocol ReconcileTrigger: Sendable {
    func reconcileSoon(_ environments: [String], reason: String)
}

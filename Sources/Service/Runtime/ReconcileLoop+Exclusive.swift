import Reconciler

extension ReconcileLoop {
    /// Runs `work` on an environment's reconciler between rounds, never beside one (nor beside a
    /// reconcile of it still running from one), when this
    /// replica holds the environment (another replica's holder would apply it at the same time).
    /// The dashboard's actions go through here.
    public func exclusive<T: Sendable>(_ environment: String,
                                       _ work: @Sendable (EnvironmentReconciler) async throws -> T) async throws -> T {
        guard let reconciler = byName[environment] else {
            throw ExclusiveError(description: "no environment \"\(environment)\"")
        }
        return try await gate.withTurn {
            guard await claims.claim([environment]).contains(environment) else {
                throw ExclusiveError(description: "another replica holds \(environment)'s Lease: act on its dashboard")
            }
            // A round's reconcile of it may still run in its own task: no new one starts while this
            // holds the turn, so wait for that one to end.
            while inFlight.isRunning(environment) { try await Task.sleep(for: .milliseconds(50)) }
            return try await work(reconciler)
        }
    }
}

public struct ExclusiveError: Error, CustomStringConvertible {
    public var description: String
}

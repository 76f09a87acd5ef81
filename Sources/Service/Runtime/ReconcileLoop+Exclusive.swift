import Reconciler

extension ReconcileLoop {
    /// Runs `work` on an environment's reconciler between rounds, never beside one, when this
    /// replica holds the environment (another replica's holder would apply it at the same time).
    /// The dashboard's actions go through here.
    public func exclusive<T: Sendable>(_ environment: String,
                                       _ work: @Sendable (EnvironmentReconciler) async throws -> T) async throws -> T {
        guard let reconciler = reconcilers.first(where: { $0.environment.name == environment }) else {
            throw ExclusiveError(description: "no environment \"\(environment)\"")
        }
        return try await gate.withTurn {
            guard await claims.claim([environment]).contains(environment) else {
                throw ExclusiveError(description: "another replica holds \(environment)'s Lease: act on its dashboard")
            }
            return try await work(reconciler)
        }
    }
}

public struct ExclusiveError: Error, CustomStringConvertible {
    public var description: String
}

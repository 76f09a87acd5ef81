import Manifests

/// The LISTs of the kinds every reconcile lists (`LiveStateReader.alwaysListed`), started before
/// the revision's objects are known: they run while the revision renders, so a pass waits for
/// the cluster and for its own CPU at once rather than one after the other (a `run --once`
/// no-op is mostly these two waits).
///
/// Started where the LISTs it stands for were sent (after the environment's Lease is taken, for
/// an operation that takes one): what it reads is what they would have read moments later. A kind it could not list
/// (discovery or the LIST failed) is listed again by `LiveStateReader.read`, which then reports
/// the failure as it always does.
public struct EarlyListing: Sendable {
    let listed: Task<[GroupVersionKind: [JSON]], Never>

    init(reader: LiveStateReader, environment: String) {
        let cluster = reader.cluster, concurrency = reader.concurrency
        let selector = Tracking.labelSelector(environment: environment)
        listed = Task {
            var types: [GroupVersionKind] = []
            for kind in LiveStateReader.alwaysListed {
                if let type = try? await cluster.servedType(kind) { types.append(type) }
            }
            let results = await BoundedConcurrency.map(types, limit: concurrency) { type in
                try? await cluster.list(type, labelSelector: selector)
            }
            var listed: [GroupVersionKind: [JSON]] = [:]
            for (type, items) in zip(types, results) { listed[type] = items }
            return listed
        }
    }

    /// Stops LISTs not yet sent (the pass failed before it needed them).
    public func cancel() { listed.cancel() }
}

extension LiveStateReader {
    /// Starts listing the always-listed kinds of `environment` now; hand the result to `read`.
    public func startListing(environment: String) -> EarlyListing {
        EarlyListing(reader: self, environment: environment)
    }

    /// Each type's LIST with `selector`, in the order of `types`: what `early` listed is taken
    /// from it, the rest is listed now.
    func list(_ types: [GroupVersionKind], labelSelector selector: String, early: EarlyListing?) async -> [Result<[JSON], any Error>] {
        let prefetched = await early?.listed.value ?? [:]
        let rest = types.filter { prefetched[$0] == nil }
        let cluster = self.cluster
        let listed = await BoundedConcurrency.map(rest, limit: concurrency) { type -> Result<[JSON], any Error> in
            do { return .success(try await cluster.list(type, labelSelector: selector)) } catch { return .failure(error) }
        }
        var byType = prefetched.mapValues { Result<[JSON], any Error>.success($0) }
        for (type, result) in zip(rest, listed) { byType[type] = result }
        return types.map { byType[$0]! }
    }
}

import Manifests
import Synchronization

/// Which environments' tracked objects the live cache changed since a moment: one counter per
/// environment, moved by every change the informers store for it (status too: health reads it),
/// and an epoch moved whenever a whole store may have changed at once (a type watched for the
/// first time, a relist, a watch cut or resumed). An environment whose `stamp` is the same as at
/// its last pass reads exactly the live objects that pass read — what lets `mooring run` skip
/// an unchanged environment's work (`SettledEnvironment`).
///
/// An object counts for the environment its `mooring.dev/environment` label names, and an
/// environment's history ConfigMap (`mooring.dev/history-of`) for that environment too.
public final class EnvironmentChanges: Sendable {
    /// The live state of one environment as far as the cache can tell: equal stamps, no change stored in between.
    public struct Stamp: Sendable, Equatable {
        var epoch: UInt64
        var change: UInt64
    }

    private struct State {
        var epoch: UInt64 = 0
        var sequence: UInt64 = 0
        var lastChange: [String: UInt64] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func stamp(environment: String) -> Stamp {
        state.withLock { Stamp(epoch: $0.epoch, change: $0.lastChange[environment] ?? 0) }
    }

    /// A stored object changed from `old` to `new` (either absent): both versions' environments count.
    func stored(_ old: JSON?, _ new: JSON?) {
        let before = old.flatMap(Self.environment(of:)), after = new.flatMap(Self.environment(of:))
        guard before != nil || after != nil else { return }
        state.withLock { state in
            state.sequence += 1
            if let before { state.lastChange[before] = state.sequence }
            if let after { state.lastChange[after] = state.sequence }
        }
    }

    /// Any environment's objects may have changed (a store replaced, or not to be trusted for a while).
    func everything() {
        state.withLock { $0.epoch += 1 }
    }

    private static func environment(of object: JSON) -> String? {
        object[path: ["metadata", "labels", Tracking.environmentLabel]]?.stringValue
            ?? object[path: ["metadata", "labels", History.historyOfLabel]]?.stringValue
    }
}

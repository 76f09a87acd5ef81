import Foundation
import Manifests
import Reconciler
import Reports

/// What the pages read on demand, beyond the board's snapshots: an environment's history with
/// its commits, an object's Events, and previews of a revision or a promotion. Each read goes to
/// git or the cluster, the same way the CLI's `history`, `diff` and `diff --from --to` do.
public protocol DashboardReader: Sendable {
    /// The history recorded in the environment's cluster, newest last, and the commits it names.
    func history(of environment: String) async throws -> (History, [String: CommitInfo])
    /// The Events the cluster holds about an object, newest first (at most `limit`).
    func events(about object: ObjectIdentity, in environment: String, limit: Int) async throws -> [JSON]
    /// `mooring diff --env NAME --revision REF`.
    func preview(_ environment: String, revision: String?) async throws -> EnvironmentReport
    /// `mooring diff --from A --to B`.
    func promotionPreview(from: String, to: String) async throws -> Report
}

/// The reader over the service's own reconcilers (the same cluster connections and mirror the
/// loop uses).
public struct ReconcilerDashboardReader: DashboardReader {
    public let reconcilers: [String: EnvironmentReconciler]
    public let source: any ConfigSource
    /// For promotion previews, which read the mirror's branches; `nil` disables them.
    public let promoter: Promoter?

    public init(reconcilers: [EnvironmentReconciler], source: any ConfigSource, promoter: Promoter?) {
        self.reconcilers = Dictionary(reconcilers.map { ($0.environment.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.source = source
        self.promoter = promoter
    }

    func reconciler(_ name: String) throws -> EnvironmentReconciler {
        guard let reconciler = reconcilers[name] else { throw DashboardError.notFound("no environment \"\(name)\"") }
        return reconciler
    }

    public func history(of environment: String) async throws -> (History, [String: CommitInfo]) {
        let reconciler = try reconciler(environment)
        let history = try await reconciler.history()
        let commits = await CommitLookup(source: source, path: reconciler.environment.path).infos(history.records.map(\.revision))
        return (history, commits)
    }

    public func events(about object: ObjectIdentity, in environment: String, limit: Int) async throws -> [JSON] {
        let reconciler = try reconciler(environment)
        let events = GroupVersionKind(apiVersion: "v1", kind: "Event")
        // Cluster-scoped objects' Events live in `default`, as kubectl describe looks for them.
        let all = try await reconciler.cluster.list(events, namespace: object.namespace ?? "default")
        let about = all.filter { event in
            event[path: ["involvedObject", "kind"]]?.stringValue == object.kind
                && event[path: ["involvedObject", "name"]]?.stringValue == object.name
        }
        func time(_ event: JSON) -> String {
            event["lastTimestamp"]?.stringValue ?? event["eventTime"]?.stringValue ?? event[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        }
        return Array(about.sorted { time($0) > time($1) }.prefix(limit))
    }

    public func preview(_ environment: String, revision: String?) async throws -> EnvironmentReport {
        let reconciler = try reconciler(environment)
        try await source.fetch()
        return EnvironmentReport(preview: try await reconciler.preview(ref: revision))
    }

    public func promotionPreview(from: String, to: String) async throws -> Report {
        guard let promoter else { throw DashboardError.unavailable("promotion previews need the config repository's mirror") }
        let source = try reconciler(from).environment, target = try reconciler(to).environment
        try await promoter.source.fetch()
        return Report(promotionPlan: try await promoter.plan(from: source, to: target, rule: PromotionRule()))
    }
}

/// Why a dashboard request could not be answered; each maps to one HTTP status.
public enum DashboardError: Error, CustomStringConvertible {
    case notFound(String)
    case badRequest(String)
    case unavailable(String)
    case forbidden(String)

    public var description: String {
        switch self {
        case .notFound(let text), .badRequest(let text), .unavailable(let text), .forbidden(let text): return text
        }
    }
}

/// Argo CD's health states, ordered as Argo CD's `IsWorse` orders them (gitops-engine
/// `pkg/health`): Healthy < Suspended < Progressing < Missing < Degraded < Unknown.
public enum HealthStatus: String, Sendable, Hashable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    /// Running as declared.
    case healthy = "Healthy"
    /// Paused or suspended on purpose (a paused Deployment, a suspended CronJob).
    case suspended = "Suspended"
    /// Not healthy yet, but may still become so.
    case progressing = "Progressing"
    /// Declared but absent from the cluster.
    case missing = "Missing"
    /// Failed, or did not become healthy in time.
    case degraded = "Degraded"
    /// Health could not be assessed.
    case unknown = "Unknown"

    /// Position in Argo CD's order; higher is worse.
    public var severity: Int { HealthStatus.allCases.firstIndex(of: self)! }

    public static func < (a: Self, b: Self) -> Bool { a.severity < b.severity }

    public var description: String { rawValue }
}

/// The health of one object with a short reason a human can act on.
public struct HealthAssessment: Sendable, Hashable, CustomStringConvertible {
    public var status: HealthStatus
    public var message: String

    public init(_ status: HealthStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message.isEmpty ? status.rawValue : "\(status.rawValue): \(message)" }
}

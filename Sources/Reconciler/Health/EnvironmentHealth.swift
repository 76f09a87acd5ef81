import Foundation
import Manifests

/// The health of every object of an environment; the environment is as healthy as its worst object.
public struct EnvironmentHealth: Sendable, CustomStringConvertible {
    public struct Entry: Sendable, Hashable {
        public var identity: ObjectIdentity
        public var health: HealthAssessment

        public init(identity: ObjectIdentity, health: HealthAssessment) {
            self.identity = identity
            self.health = health
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// Assesses the desired identities against the live objects found for them (absent = Missing),
    /// with the users' `checks` where they have one for a kind.
    public init(identities: [ObjectIdentity], live: [ObjectIdentity: JSON], checks: HealthChecks = .builtIn, now: Date = Date()) {
        entries = identities.map { Entry(identity: $0, health: HealthAssessor.assess(live[$0], checks: checks, now: now)) }
    }

    /// The worst status by Argo CD's order; Healthy for an empty environment.
    public var status: HealthStatus { entries.map(\.health.status).max() ?? .healthy }

    /// The objects that make the environment what it is (the worst ones).
    public var worst: [Entry] { entries.filter { $0.health.status == status && status != .healthy } }

    public func contains(_ status: HealthStatus) -> Bool { entries.contains { $0.health.status == status } }

    /// `Degraded: Deployment.apps web/django: container web: ImagePullBackOff`
    public var description: String {
        guard let first = worst.first else { return status.rawValue }
        let more = worst.count > 1 ? " (and \(worst.count - 1) more)" : ""
        return "\(status.rawValue): \(first.identity): \(first.health.message)\(more)"
    }
}

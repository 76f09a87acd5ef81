import Manifests

/// The one environment of one configuration that owns an object, recorded on the object as
/// annotation `mooring.dev/owner: <installation>/<environment>` — like Argo CD's tracking id with
/// its installation ID, so two configurations moored to one cluster never claim each other's
/// objects (https://argo-cd.readthedocs.io/en/stable/user-guide/resource_tracking/).
public struct Owner: Hashable, Sendable, CustomStringConvertible {
    /// The configuration's `installation` (default `default`).
    public var installation: String
    public var environment: String

    public init(installation: String, environment: String) {
        self.installation = installation
        self.environment = environment
    }

    /// The annotation's value, `default/develop`.
    public var annotationValue: String { "\(installation)/\(environment)" }

    /// Reads an annotation value; `nil` when it is not `<installation>/<environment>`.
    public init?(annotationValue text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(installation: String(parts[0]), environment: String(parts[1]))
    }

    /// `environment develop of installation default`
    public var description: String { "environment \(environment) of installation \(installation)" }
}

/// How a live object stands towards an environment, read from its labels and owner annotation.
public enum LiveClaim: Sendable, Equatable {
    /// Nobody running mooring manages it (made by hand, another tool, or a controller).
    case unmanaged
    /// This environment of this installation manages it (an object tracked before owner
    /// annotations existed counts as its environment's own).
    case ours
    /// Another environment or installation manages it.
    case other(Owner)

    /// - Parameter owner: this environment of this installation.
    public init(of live: JSON, for owner: Owner) {
        let labels = live[path: ["metadata", "labels"]]
        let annotations = live[path: ["metadata", "annotations"]]
        let recorded = annotations?[Tracking.ownerAnnotation]?.stringValue.flatMap(Owner.init(annotationValue:))
        let managed = labels?[Tracking.managedByLabel]?.stringValue == Tracking.managedByValue
        let environment = labels?[Tracking.environmentLabel]?.stringValue
        if let recorded {
            self = recorded == owner ? .ours : .other(recorded)
        } else if managed, let environment {
            self = environment == owner.environment ? .ours : .other(Owner(installation: owner.installation, environment: environment))
        } else {
            self = .unmanaged
        }
    }
}

/// How an object came under mooring's management, recorded as `mooring.dev/origin`.
public enum Origin: String, Sendable, Hashable {
    /// Mooring's apply created it.
    case created
    /// It existed and was taken over explicitly (`adopt: true` or `mooring.dev/adopt: "true"`).
    case adopted

    public init?(of live: JSON) {
        guard let text = live[path: ["metadata", "annotations", Tracking.originAnnotation]]?.stringValue else { return nil }
        self.init(rawValue: text)
    }
}

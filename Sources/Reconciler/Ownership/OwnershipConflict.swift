import Manifests

/// Why a declared object is not this environment's to change. Reported by every environment
/// involved; the object is neither applied nor pruned, and the environment is not Synced (exit 1).
public struct OwnershipConflict: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        /// It exists without mooring's tracking, and adoption was not asked for. The field
        /// managers that wrote it (`kubectl-client-side-apply`, `helm`, …), from `managedFields`.
        case notAdopted(managers: [String])
        /// Another environment or installation owns it.
        case ownedBy(Owner)
        /// Another environment or installation declares it too, though this one owns it.
        case claimedBy(Owner)
    }

    public var identity: ObjectIdentity
    public var reason: Reason
    /// The environment reporting it.
    public var environment: String

    public init(identity: ObjectIdentity, reason: Reason, environment: String) {
        self.identity = identity
        self.reason = reason
        self.environment = environment
    }

    /// The field managers of a live object, in the order the server lists them, each once.
    public static func managers(of live: JSON) -> [String] {
        var seen = Set<String>()
        return (live[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue }
            .filter { seen.insert($0).inserted }
    }

    /// What is wrong and how to resolve it, without the object's name.
    public var reasonText: String {
        switch reason {
        case .notAdopted(let managers):
            let written = managers.isEmpty ? "no field managers recorded" : "field managers: " + managers.joined(separator: ", ")
            return "exists and is not managed by mooring (\(written)); set adopt: true for environment \(environment) "
                + "or annotate it \(Tracking.adoptAnnotation): \"true\" to take it over"
        case .ownedBy(let owner):
            return "is owned by \(owner); neither applied nor pruned by environment \(environment)"
        case .claimedBy(let owner):
            return "is declared by \(owner) too; neither applied nor pruned until one of them gives it up"
        }
    }

    /// `ConfigMap shop/settings exists and is not managed by mooring (field managers: kubectl-client-side-apply); …`
    public var description: String { "\(identity) \(reasonText)" }
}

import Foundation
import Manifests

/// Objects an environment declares but may not have because someone else owns them, published
/// on the environment's own Lease (annotation `mooring.dev/claims`, a JSON list) while it holds
/// it. The owner reads the Leases of `mooring-system` and reports those objects as conflicts
/// too, applying and pruning them no more — so a conflict between two configurations shows in
/// both, and lasts until one of them gives the object up. A claim counts while its Lease was
/// renewed within `lifetime`: a configuration that stopped running stops claiming.
public enum OwnershipClaims {
    public static let annotation = "mooring.dev/claims"
    /// How long a claim outlives its Lease's last renewal.
    public static let lifetime: Duration = .seconds(600)

    /// The annotation's value for these objects (sorted, so an unchanged set is an unchanged Lease).
    public static func value(_ identities: [ObjectIdentity]) -> String {
        let entries: [JSON] = identities.sorted().map { identity in
            var entry: JSON = ["group": .string(identity.group), "kind": .string(identity.kind), "name": .string(identity.name)]
            if let namespace = identity.namespace { entry["namespace"] = .string(namespace) }
            return entry
        }
        return JSON.array(entries).serialized()
    }

    /// The objects others claim, by claimant, from the Leases found (this owner's own skipped).
    public static func claims(in leases: [JSON], against owner: Owner, now: Date) -> [ObjectIdentity: Owner] {
        claims(all(in: leases, now: now), against: owner)
    }

    /// Every claim in force on the Leases found, in their order: what `PublishedClaims` keeps
    /// for all the environments of a cluster.
    static func all(in leases: [JSON], now: Date) -> [(identity: ObjectIdentity, claimant: Owner)] {
        var found: [(identity: ObjectIdentity, claimant: Owner)] = []
        for lease in leases {
            let annotations = lease[path: ["metadata", "annotations"]]
            guard let text = annotations?[annotation]?.stringValue,
                  let claimant = annotations?[Tracking.ownerAnnotation]?.stringValue.flatMap(Owner.init(annotationValue:)),
                  let renewed = LeaseRecord(lease: lease).renewTime,
                  now.timeIntervalSince(renewed) < Double(lifetime.components.seconds),
                  let entries = try? JSON(parsing: Array(text.utf8)).arrayValue
            else { continue }
            for entry in entries {
                guard let kind = entry["kind"]?.stringValue, let name = entry["name"]?.stringValue else { continue }
                let type = GroupVersionKind(group: entry["group"]?.stringValue ?? "", version: "", kind: kind)
                found.append((ObjectIdentity(type: type, namespace: entry["namespace"]?.stringValue, name: name), claimant))
            }
        }
        return found
    }

    /// The claims of owners other than `owner`, by object (a later Lease's claim wins).
    static func claims(_ all: [(identity: ObjectIdentity, claimant: Owner)], against owner: Owner) -> [ObjectIdentity: Owner] {
        var found: [ObjectIdentity: Owner] = [:]
        for (identity, claimant) in all where claimant != owner { found[identity] = claimant }
        return found
    }
}

import Manifests
import Reconciler

/// Compares two environments' rendered objects for a promotion. Pure: the caller renders both
/// environments (at their refs) and passes the objects.
public enum PromotionComparer {
    /// - Parameters:
    ///   - source: the promoted environment's objects (e.g. develop's).
    ///   - target: the receiving environment's objects (e.g. master's).
    public static func compare(source: [JSON], target: [JSON], fromEnvironment: String, toEnvironment: String,
                               sourceRevision: String? = nil, targetRevision: String? = nil) -> PromotionDiff {
        let targetNamespace = mostCommonNamespace(in: target)
        let sourceNamespaces = source.compactMap { $0.kindName == "Namespace" ? $0.objectName : nil }
        let targetNamespaces = target.compactMap { $0.kindName == "Namespace" ? $0.objectName : nil }
        // One Namespace on each side is the environment's own: the two are the same object.
        let renamedNamespace = sourceNamespaces.count == 1 && targetNamespaces.count == 1 ? targetNamespaces[0] : nil

        var promotedByKey: [MatchKey: JSON] = [:]
        var sourceOrder: [MatchKey] = []
        for object in source {
            var promoted = withoutTracking(object)
            if object.kindName == "Namespace", let renamedNamespace {
                promoted[path: ["metadata", "name"]] = .string(renamedNamespace)
            } else if object[path: ["metadata", "namespace"]] != nil, let targetNamespace {
                promoted[path: ["metadata", "namespace"]] = .string(targetNamespace)
            }
            guard let key = MatchKey(promoted) else { continue }
            if promotedByKey[key] == nil { sourceOrder.append(key) }
            promotedByKey[key] = promoted
        }

        var objects: [PromotedObject] = []
        var seen = Set<MatchKey>()
        for object in target.map(withoutTracking) {
            guard let key = MatchKey(object), let identity = ObjectIdentity(of: object) else { continue }
            seen.insert(key)
            if var promoted = promotedByKey[key] {
                // The target's copy keeps its own namespace, whatever the source wrote.
                promoted[path: ["metadata", "namespace"]] = object[path: ["metadata", "namespace"]]
                objects.append(compare(identity: identity, target: object, promoted: promoted))
            } else {
                objects.append(PromotedObject(identity: identity, presence: .onlyInTarget, images: [], replicas: nil,
                                              config: [], changes: [], promoted: nil))
            }
        }
        for key in sourceOrder where !seen.contains(key) {
            let promoted = promotedByKey[key]!
            guard let identity = ObjectIdentity(of: promoted) else { continue }
            let images = containers(of: promoted).map { ImageChange(container: $0.name, from: nil, to: $0.image) }
            let replicas = promoted[path: ["spec", "replicas"]]?.intValue.map { ReplicaChange(from: nil, to: $0) }
            objects.append(PromotedObject(identity: identity, presence: .onlyInSource, images: images, replicas: replicas,
                                          config: [], changes: [], promoted: promoted))
        }
        return PromotionDiff(fromEnvironment: fromEnvironment, toEnvironment: toEnvironment,
                             sourceRevision: sourceRevision, targetRevision: targetRevision, objects: objects)
    }

    /// Both sides compared exactly (fields either side lacks count), with the Reconciler's own
    /// comparison of two stored objects: keyed lists by key, quantities by value, Secrets masked.
    private static func compare(identity: ObjectIdentity, target: JSON, promoted: JSON) -> PromotedObject {
        let pending = ObjectDiff(identity: identity, status: .outOfSync(.configure), desired: promoted, live: target)
        let changes = Differ().confirm(pending, dryRunResult: promoted).changes

        var images: [ImageChange] = []
        var replicas: ReplicaChange?
        var config: [FieldChange] = []
        for change in changes {
            if change.path.description == "spec.replicas" {
                replicas = ReplicaChange(from: change.old?.intValue, to: change.new?.intValue)
            } else if let container = containerName(imagePath: change.path) {
                images.append(ImageChange(container: container, from: change.old?.stringValue, to: change.new?.stringValue))
            } else {
                config.append(change)
            }
        }
        return PromotedObject(identity: identity, presence: .both, images: images, replicas: replicas, config: config,
                              changes: changes, promoted: promoted)
    }

    /// The object without mooring's tracking labels and revision annotation, which differ between
    /// environments by design and are set again when the target is applied.
    static func withoutTracking(_ object: JSON) -> JSON {
        var copy = object
        for label in [Tracking.managedByLabel, Tracking.environmentLabel] {
            copy[path: ["metadata", "labels", label]] = nil
        }
        for annotation in [Tracking.revisionAnnotation, Tracking.ownerAnnotation, Tracking.originAnnotation] {
            copy[path: ["metadata", "annotations", annotation]] = nil
        }
        for field in ["labels", "annotations"] where copy[path: ["metadata", field]]?.objectValue?.isEmpty == true {
            copy[path: ["metadata", field]] = nil
        }
        return copy
    }

    /// `web` for `spec.template.spec.containers[name=web].image`.
    static func containerName(imagePath path: FieldPath) -> String? {
        guard case .key("image")? = path.segments.last, path.segments.count >= 2,
              case .element(let keys) = path.segments[path.segments.count - 2] else { return nil }
        return keys["name"]?.stringValue
    }

    private static func containers(of object: JSON) -> [(name: String, image: String?)] {
        PolicyChecker.podSpecs(of: object).flatMap { spec in
            ["initContainers", "containers"].flatMap { list in
                (spec.value[list]?.arrayValue ?? []).map { ($0["name"]?.stringValue ?? "?", $0["image"]?.stringValue) }
            }
        }
    }

    private static func mostCommonNamespace(in objects: [JSON]) -> String? {
        var counts: [String: Int] = [:]
        for object in objects {
            if let namespace = object[path: ["metadata", "namespace"]]?.stringValue { counts[namespace, default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    /// Objects match across environments by group, kind and name; namespaces differ by design.
    private struct MatchKey: Hashable {
        var group: String
        var kind: String
        var name: String

        init?(_ object: JSON) {
            guard let identity = ObjectIdentity(of: object) else { return nil }
            group = identity.group
            kind = identity.kind
            name = identity.name
        }
    }
}

extension JSON {
    fileprivate var kindName: String? { self["kind"]?.stringValue }
    fileprivate var objectName: String? { self[path: ["metadata", "name"]]?.stringValue }
}

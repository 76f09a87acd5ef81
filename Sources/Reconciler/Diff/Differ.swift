import Manifests

/// Why a set of objects cannot be diffed: the input itself is wrong.
public enum DiffError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An object without `apiVersion`, `kind` or `metadata.name`.
    case unidentifiable(index: Int)
    /// Two desired objects are the same object.
    case duplicate(ObjectIdentity)

    public var description: String {
        switch self {
        case .unidentifiable(let index): return "desired object #\(index + 1) has no apiVersion, kind or metadata.name"
        case .duplicate(let identity): return "\(identity) is declared twice"
        }
    }
}

/// Compares desired objects with live ones without raising false drift. Pure: the IO layer lists
/// the live objects, and afterwards confirms suspected differences with a dry-run apply.
public struct Differ: Sendable {
    public var fields: any FieldSemantics
    public var ignoreDifferences: [IgnoreDifferenceRule]

    public init(fields: any FieldSemantics = SchemaFieldSemantics(), ignoreDifferences: [IgnoreDifferenceRule] = []) {
        self.fields = fields
        self.ignoreDifferences = ignoreDifferences
    }

    /// Diffs an environment.
    ///
    /// - Parameters:
    ///   - desired: the revision's objects, prepared (tracking metadata, namespaces filled in).
    ///   - live: the live objects found: the environment's tracked objects and any desired object
    ///     found by name. Tracked ones the revision lacks become `prune`; untracked ones are left alone.
    ///   - memo: verdicts of the last pass (`mooring run`): an object unchanged on both sides keeps its own.
    public func diff(environment: String, revision: String, desired: [JSON], live: [JSON], memo: DiffMemo? = nil) throws -> EnvironmentDiff {
        var liveByIdentity: [ObjectIdentity: JSON] = [:]
        for object in live {
            if let identity = ObjectIdentity(of: object) { liveByIdentity[identity] = object }
        }
        var seen = Set<ObjectIdentity>()
        var pairs: [(desired: JSON, live: JSON?)] = []
        for (index, object) in desired.enumerated() {
            guard let identity = ObjectIdentity(of: object) else { throw DiffError.unidentifiable(index: index) }
            guard seen.insert(identity).inserted else { throw DiffError.duplicate(identity) }
            pairs.append((object, liveByIdentity[identity]))
        }
        // Each object diffs on its own: on every core.
        var results = ParallelMap.map(pairs) { pair in
            memo?.verdict(desired: pair.desired, live: pair.live) ?? diff(desired: pair.desired, live: pair.live)
        }
        let prunable = liveByIdentity
            .filter { !seen.contains($0.key) && Differ.isTracked($0.value, environment: environment) }
            .sorted { $0.key < $1.key }
        for (identity, object) in prunable {
            results.append(ObjectDiff(identity: identity, status: .prune, desired: nil, live: object))
        }
        return EnvironmentDiff(environment: environment, revision: revision, objects: results)
    }

    /// Diffs one desired object against its live counterpart (`nil` when it does not exist).
    public func diff(desired: JSON, live: JSON?) -> ObjectDiff {
        let identity = ObjectIdentity(of: desired) ?? ObjectIdentity(type: GroupVersionKind(group: "", version: "", kind: ""), namespace: nil, name: "")
        guard let live else {
            return ObjectDiff(identity: identity, status: .outOfSync(.create), desired: desired, live: nil)
        }
        let pointers = IgnoredFields.pointers(for: identity, rules: ignoreDifferences)
        let wanted = IgnoredFields.removing(pointers, from: ObjectNormalizer.normalizeDesired(desired))
        let have = IgnoredFields.removing(pointers, from: ObjectNormalizer.normalizeLive(live))

        var comparer = ObjectComparer(identity: identity, fields: fields)
        comparer.compare(wanted, have)
        var changes = comparer.changes
        if let owned = ManagedFieldsRemovals.ownedFields(in: live) {
            var removals = ManagedFieldsRemovals(identity: identity, fields: fields)
            removals.walk(owned: owned, desired: wanted, live: have)
            let known = Set(changes.map(\.path))
            changes += removals.changes.filter { !known.contains($0.path) }
        }
        let toApply = pointers.isEmpty ? desired : IgnoredFields.keepingLiveValues(of: pointers, in: desired, live: live)
        return ObjectDiff(
            identity: identity, status: changes.isEmpty ? .synced : .outOfSync(.configure), changes: changes,
            needsDryRunConfirmation: !changes.isEmpty, desired: toApply, live: live)
    }

    /// Settles a suspected difference with the object a server-side dry-run apply returned: only
    /// what the server would really change is drift.
    public func confirm(_ diff: ObjectDiff, dryRunResult: JSON) -> ObjectDiff {
        guard diff.status == .outOfSync(.configure), let live = diff.live else { return diff }
        let pointers = IgnoredFields.pointers(for: diff.identity, rules: ignoreDifferences)
        let after = IgnoredFields.removing(pointers, from: ObjectNormalizer.normalizeLive(dryRunResult))
        let before = IgnoredFields.removing(pointers, from: ObjectNormalizer.normalizeLive(live))
        var comparer = ObjectComparer(identity: diff.identity, fields: fields, exact: true)
        comparer.compare(after, before)
        var confirmed = diff
        confirmed.needsDryRunConfirmation = false
        confirmed.changes = comparer.changes
        confirmed.status = comparer.changes.isEmpty ? .synced : .outOfSync(.configure)
        return confirmed
    }

    /// Confirms every object that needs it; objects without a dry-run result keep their verdict.
    public func confirm(_ diff: EnvironmentDiff, dryRunResults: [ObjectIdentity: JSON]) -> EnvironmentDiff {
        var confirmed = diff
        confirmed.objects = diff.objects.map { object in
            guard object.needsDryRunConfirmation, let result = dryRunResults[object.identity] else { return object }
            return confirm(object, dryRunResult: result)
        }
        return confirmed
    }

    /// Whether a live object carries both tracking labels of this environment: the only objects
    /// mooring will ever prune.
    public static func isTracked(_ object: JSON, environment: String) -> Bool {
        let labels = object[path: ["metadata", "labels"]]
        return labels?[Tracking.managedByLabel]?.stringValue == Tracking.managedByValue
            && labels?[Tracking.environmentLabel]?.stringValue == environment
    }
}

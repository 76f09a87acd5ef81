import Manifests

/// What an object's hook annotations make of it: an ordinary resource of the desired state, an
/// object never applied (`Skip`), or a hook that runs in some phases of each sync operation.
///
/// Read as Argo CD reads them (gitops-engine `pkg/sync/hook/hook.go`, `hook/helm/type.go`):
/// `mooring.dev/hook` (else `argocd.argoproj.io/hook`) is a comma-separated list of phases;
/// `Skip` alone means "do not apply". Without either, Helm's `helm.sh/hook` counts:
/// `pre-install`/`pre-upgrade` are PreSync, `post-install`/`post-upgrade` PostSync, and — unlike
/// Argo CD, which ignores it — `test` (the `helm test` pods) PostSync too; Helm's other events
/// (`pre-delete`, `pre-rollback`, …) make a hook that no sync runs.
public enum HookRole: Sendable, Equatable {
    case resource
    case skip
    case hook(HookSpec)

    public static let annotation = "mooring.dev/hook"
    public static let argoAnnotation = "argocd.argoproj.io/hook"
    public static let helmAnnotation = "helm.sh/hook"
    public static let deletePolicyAnnotation = "mooring.dev/hook-delete-policy"
    public static let argoDeletePolicyAnnotation = "argocd.argoproj.io/hook-delete-policy"
    public static let helmDeletePolicyAnnotation = "helm.sh/hook-delete-policy"
    /// Helm's ordering of hooks, read as the sync wave when no sync-wave annotation is set.
    public static let helmWeightAnnotation = "helm.sh/hook-weight"

    /// - Throws: `HookError` for a phase or delete policy that is not one (with a suggestion),
    ///   and for a wave that is not an integer.
    public static func of(_ object: JSON) throws -> HookRole {
        let annotations = object[path: ["metadata", "annotations"]]
        func value(_ key: String) -> String? { annotations?[key]?.stringValue }
        let identity = ObjectIdentity(of: object)

        var phases: [HookPhase] = []
        if let key = [annotation, argoAnnotation].first(where: { value($0) != nil }) {
            var skip = false
            for word in Self.words(value(key)!) {
                if word.lowercased() == "skip" { skip = true; continue }
                guard let phase = HookPhase(word: word) else {
                    throw HookError.unknownPhase(annotation: key, value: word,
                                                 suggestion: TypoSuggestion.closest(to: word, among: HookPhase.allCases.map(\.rawValue) + ["Skip"]))
                }
                if !phases.contains(phase) { phases.append(phase) }
            }
            // As in Argo CD, Skip counts only when it is the one value.
            if phases.isEmpty { return skip ? .skip : .resource }
        } else if let helm = value(helmAnnotation) {
            for word in Self.words(helm) {
                let phase: HookPhase? = switch word {
                case "pre-install", "pre-upgrade": .preSync
                case "post-install", "post-upgrade", "test", "test-success": .postSync
                default: nil
                }
                if let phase, !phases.contains(phase) { phases.append(phase) }
            }
        } else {
            return .resource
        }

        var policies: Set<HookDeletePolicy> = []
        for key in [deletePolicyAnnotation, argoDeletePolicyAnnotation] {
            for word in Self.words(value(key) ?? "") {
                guard let policy = HookDeletePolicy.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() }) else {
                    throw HookError.unknownDeletePolicy(annotation: key, value: word,
                                                        suggestion: TypoSuggestion.closest(to: word, among: HookDeletePolicy.allCases.map(\.rawValue)))
                }
                policies.insert(policy)
            }
        }
        for word in Self.words(value(helmDeletePolicyAnnotation) ?? "") {
            if let policy = HookDeletePolicy(helmWord: word) { policies.insert(policy) }
        }
        if policies.isEmpty { policies = [.beforeHookCreation] }

        var wave: Int
        do { wave = try SyncWave.of(object) } catch { throw HookError.badWave(object: identity, reason: "\(error)") }
        let hasWave = annotations?[Tracking.syncWaveAnnotation] != nil || annotations?[Tracking.argoSyncWaveAnnotation] != nil
        if !hasWave, let weight = value(helmWeightAnnotation) {
            guard let parsed = Int(weight.trimmingCharacters(in: .whitespaces)) else {
                throw HookError.badWave(object: identity, reason: "\(helmWeightAnnotation) \"\(weight)\" is not an integer")
            }
            wave = parsed
        }
        return .hook(HookSpec(phases: phases, deletePolicies: policies, wave: wave))
    }

    private static func words(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A hook's phases, delete policies and wave, as its annotations say.
public struct HookSpec: Sendable, Hashable {
    /// In the order written; empty for a Helm hook of an event no sync has (`pre-delete`).
    public var phases: [HookPhase]
    public var deletePolicies: Set<HookDeletePolicy>
    public var wave: Int

    public init(phases: [HookPhase], deletePolicies: Set<HookDeletePolicy> = [.beforeHookCreation], wave: Int = 0) {
        self.phases = phases
        self.deletePolicies = deletePolicies
        self.wave = wave
    }
}

/// A hook the annotations describe wrongly; the reconciler names the file and line.
public enum HookError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownPhase(annotation: String, value: String, suggestion: String?)
    case unknownDeletePolicy(annotation: String, value: String, suggestion: String?)
    case badWave(object: ObjectIdentity?, reason: String)
    /// `metadata.generateName` without `metadata.name` on an object that is not a hook: Mooring
    /// applies by name, so only hooks (created fresh each operation) may leave the name to it.
    case generatedNameNeedsHook(prefix: String)

    public var description: String {
        switch self {
        case let .unknownPhase(annotation, value, suggestion):
            return "\(annotation): unknown hook phase \"\(value)\"" + Self.hint(suggestion)
                + " (PreSync, Sync, PostSync, SyncFail or Skip)"
        case let .unknownDeletePolicy(annotation, value, suggestion):
            return "\(annotation): unknown hook delete policy \"\(value)\"" + Self.hint(suggestion)
                + " (BeforeHookCreation, HookSucceeded or HookFailed)"
        case let .badWave(_, reason): return reason
        case .generatedNameNeedsHook(let prefix):
            return "metadata.generateName \"\(prefix)\" without metadata.name is only honoured for hooks (mooring.dev/hook): give the object a name"
        }
    }

    private static func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean \"\($0)\"?)" } ?? "" }
}

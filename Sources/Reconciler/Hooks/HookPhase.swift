/// When a hook runs in a sync operation, in Argo CD's words (its `argocd.argoproj.io/hook`
/// values; argo-cd docs/user-guide/resource_hooks.md):
///
/// ```
/// PreSync ─► apply (Sync hooks with their wave) ─► health ─► PostSync
///    └──────────────┴────── any failure ──────────────┴────► SyncFail
/// ```
public enum HookPhase: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Before anything is applied; a failure applies nothing.
    case preSync = "PreSync"
    /// With the apply, in its sync wave; a failure stops the apply like a failed object.
    case sync = "Sync"
    /// After the environment is Healthy; a failure marks the revision Degraded (and rolls it
    /// back with `rollbackOnFailure`), exactly as a failed health check does.
    case postSync = "PostSync"
    /// When the operation fails (a hook, an object, health).
    case syncFail = "SyncFail"

    public var description: String { rawValue }

    /// The annotation's words, case-insensitive as people write them (`postsync`); `Skip` is not a
    /// phase (see `HookRole`).
    init?(word: String) {
        guard let phase = HookPhase.allCases.first(where: { $0.rawValue.lowercased() == word.lowercased() }) else { return nil }
        self = phase
    }
}

/// When a hook object is deleted, besides being replaced in the next operation
/// (`argocd.argoproj.io/hook-delete-policy`, and Helm's `helm.sh/hook-delete-policy` spellings).
public enum HookDeletePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Earlier instances of the hook are deleted before it is created: Argo CD's default when a
    /// hook names no policy (gitops-engine `pkg/sync/hook/delete_policy.go`), and Mooring's.
    case beforeHookCreation = "BeforeHookCreation"
    /// Deleted once it succeeded.
    case hookSucceeded = "HookSucceeded"
    /// Deleted once it failed.
    case hookFailed = "HookFailed"

    /// `before-hook-creation`, `hook-succeeded`, `hook-failed`: Helm's spellings.
    init?(helmWord word: String) {
        switch word {
        case "before-hook-creation": self = .beforeHookCreation
        case "hook-succeeded": self = .hookSucceeded
        case "hook-failed": self = .hookFailed
        default: return nil
        }
    }
}

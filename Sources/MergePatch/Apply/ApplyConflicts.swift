import Manifests

/// A field another manager owns that an apply would change.
public struct ApplyConflict: Sendable, Hashable {
    /// How messages name the owner, e.g. `"kubectl-client-side-apply" using apps/v1`.
    public var manager: String
    /// The owner's managed-fields entry identity (manager, operation, version, subresource).
    public var managerIdentity: String
    public var path: FieldSetPath

    /// The field as the Status cause's `field` gives it, e.g. `.spec.replicas`.
    public var field: String { path.pathDescription }
    /// The Status cause's message, e.g. `conflict with "kubectl" using apps/v1`.
    public var causeMessage: String { "conflict with \(manager)" }
}

/// The conflicts that make an apply fail with 409 Conflict (reason `Conflict`).
public struct ApplyConflicts: Sendable, Hashable, CustomStringConvertible {
    /// Sorted by owner identity, then by path.
    public var conflicts: [ApplyConflict]

    public init(conflicts: [ApplyConflict]) { self.conflicts = conflicts }

    /// The Status message, worded as apiserver's fieldmanager/internal/conflict.go words it.
    public var message: String {
        if conflicts.count == 1 {
            return "Apply failed with 1 conflict: conflict with \(conflicts[0].manager): \(conflicts[0].field)"
        }
        var lines: [String] = []
        var current: String?
        for conflict in conflicts {
            if conflict.managerIdentity != current {
                current = conflict.managerIdentity
                lines.append("conflicts with \(conflict.manager):")
            }
            lines.append("- \(conflict.field)")
        }
        return "Apply failed with \(conflicts.count) conflicts: \(lines.joined(separator: "\n"))"
    }

    public var description: String { message }
}

/// Why a server-side apply or a managed-fields update failed.
public enum ServerSideApplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Other managers own fields the apply changes (409 Conflict).
    case conflicts(ApplyConflicts)
    /// The object cannot be addressed by field paths, e.g. a list-map item without its key (422 / 400).
    case invalidObject(FieldPathError)
    /// The stored or sent `metadata.managedFields` cannot be read, or an apply sent some (400).
    case invalidManagedFields(String)

    public var description: String {
        switch self {
        case .conflicts(let conflicts): return conflicts.message
        case .invalidObject(let error): return error.description
        case .invalidManagedFields(let message): return message
        }
    }
}

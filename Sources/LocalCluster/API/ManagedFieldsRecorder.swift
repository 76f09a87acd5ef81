import Manifests
import MergePatch

/// Keeps `metadata.managedFields` as the API server's field manager does: ordinary writes
/// record their manager (operation Update), server-side apply records Apply, with conflicts.
struct ManagedFieldsRecorder: Sendable {
    let registry: ResourceRegistry
    let resource: ClusterResource
    /// `""` for the main resource, `"status"` or `"scale"`.
    let subresource: String

    private var engine: ServerSideApply<KubeSchemaMergeNode> {
        let ignored: FieldSet
        if subresource == "status" {
            ignored = ServerFields.statusSubresourceResetFields
        } else if resource.hasStatus {
            ignored = ServerFields.mainResourceResetFields
        } else {
            ignored = FieldSet()
        }
        return ServerSideApply(schema: registry.schema.mergeSchema(for: resource.groupVersionKind), ignoredFields: ignored)
    }

    /// `new` with managedFields updated for an ordinary create / update / patch by `manager`.
    func recordUpdate(from old: JSON?, to new: JSON, manager: String) throws -> JSON {
        do {
            return try engine.update(from: old, to: new, manager: manager, apiVersion: resource.apiVersion,
                                     subresource: subresource, now: Timestamps.now())
        } catch {
            throw Self.apiError(error)
        }
    }

    /// Server-side apply of `config` over `live` (nil: the apply creates the object); for the
    /// manager `kubectl`, with the client-side-apply takeover (`LastAppliedTakeover`).
    func apply(_ config: JSON, to live: JSON?, manager: String, force: Bool) throws -> JSON {
        let engine = self.engine
        let now = Timestamps.now()
        var merged: JSON
        do {
            merged = try engine.apply(config, to: live, manager: manager, force: force, subresource: subresource, now: now).object
        } catch .conflicts(let conflicts) where manager == LastAppliedTakeover.manager {
            let remaining = LastAppliedTakeover.remaining(conflicts, live: live, schema: engine.schema)
            guard remaining.conflicts.isEmpty else { throw Self.apiError(.conflicts(remaining)) }
            do {
                merged = try engine.apply(config, to: live, manager: manager, force: true, subresource: subresource, now: now).object
            } catch {
                throw Self.apiError(error)
            }
        } catch {
            throw Self.apiError(error)
        }
        if manager == LastAppliedTakeover.manager { merged = LastAppliedTakeover.syncingAnnotation(of: merged, to: config) }
        return merged
    }

    static func apiError(_ error: ServerSideApplyError) -> StatusError {
        switch error {
        case .conflicts(let conflicts):
            let causes = conflicts.conflicts.map { conflict -> JSON in
                ["reason": "FieldManagerConflict", "message": .string(conflict.causeMessage), "field": .string(conflict.field)]
            }
            return StatusError(code: 409, reason: "Conflict", message: conflicts.message, details: ["causes": .array(causes)])
        case .invalidObject(let error):
            return StatusError(code: 422, reason: "Invalid", message: error.description)
        case .invalidManagedFields(let message):
            return StatusError.badRequest(message)
        }
    }
}

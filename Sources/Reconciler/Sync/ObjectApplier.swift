import KubeAPI
import Manifests

/// Applies one object: server-side apply with field manager `mooring` and force. An immutable
/// field the server refuses is reported naming object and field; the object is deleted and
/// recreated only when it carries `mooring.dev/force: "true"`.
struct ObjectApplier: Sendable {
    let cluster: any ClusterClient
    let options: SyncOptions
    var transfer = FieldOwnershipTransfer()

    enum Outcome: Sendable {
        case applied
        case recreated
        case failed(String)
    }

    /// Adopts an object: its previous appliers' fields become mooring's (one JSON patch guarded
    /// by the resourceVersion the diff saw), then the usual apply. An object changed meanwhile
    /// fails the adoption; the next sync looks at it again.
    func adopt(_ object: JSON, live: JSON, identity: ObjectIdentity) async -> Outcome {
        do {
            if let patch = transfer.patch(for: live) {
                _ = try await cluster.patch(identity, jsonPatch: patch)
            }
        } catch {
            return .failed("\(identity): taking over the fields of its previous appliers failed: \(ClusterError.reason(of: error))")
        }
        return await apply(object, identity: identity)
    }

    func apply(_ object: JSON, identity: ObjectIdentity) async -> Outcome {
        do {
            _ = try await cluster.apply(object, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
            return .applied
        } catch let error as APIError where error.reason == .invalid {
            let fields = ApplyRejection.immutableFields(in: error.status.json)
            guard !fields.isEmpty || error.status.message.contains("immutable") else {
                return .failed("\(identity): \(error.status.message)")
            }
            guard ApplyRejection.mayRecreate(object) else {
                return .failed(ApplyRejection.message(for: identity, fields: fields))
            }
            do {
                try await cluster.delete(identity, propagation: .foreground)
                try await cluster.waitUntilGone(identity, timeout: options.deleteTimeout)
                _ = try await cluster.apply(object, fieldManager: Tracking.fieldManager, force: true, dryRun: false)
                return .recreated
            } catch {
                return .failed("\(identity): recreating it failed: \(ClusterError.reason(of: error))")
            }
        } catch {
            return .failed("\(identity): \(ClusterError.reason(of: error))")
        }
    }
}

extension APIStatus {
    /// The `Status` object's JSON form, as `ApplyRejection` reads it.
    var json: JSON {
        let causes: [JSON] = causes.map { ["reason": .string($0.reason), "message": .string($0.message), "field": .string($0.field)] }
        return ["kind": "Status", "code": .int(Int64(code)), "reason": .string(reason), "message": .string(message),
                "details": ["causes": .array(causes)]]
    }
}

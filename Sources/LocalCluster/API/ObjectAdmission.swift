import Manifests

/// What happens to a client's object before it is stored, in kube-apiserver's order: decoding
/// against the schema (wrong types → 400; unknown or duplicate fields by `fieldValidation`),
/// defaulting, then validation (422). The rules themselves live in `Admission/`.
struct ObjectAdmission: Sendable {
    let registry: ResourceRegistry

    /// Checks the object as decoded from the client; returns it (unknown fields dropped unless
    /// Strict rejected them) and the warnings for `fieldValidation=Warn`.
    func decode(_ object: JSON, body: [UInt8]?, resource: ClusterResource, options: WriteOptions) throws -> (JSON, [String]) {
        let directive = FieldValidationDirective(rawValue: options.fieldValidation.rawValue) ?? .warn
        let report = BodyDecoding.check(object, body: body, schema: registry.schema)
        if let message = report.badRequestMessage(for: resource.groupVersionKind, directive: directive) {
            throw StatusError.badRequest(message)
        }
        if !report.schemaCauses.isEmpty {
            throw StatusError.invalid(kind: resource.groupKind, name: object[path: ["metadata", "name"]]?.stringValue ?? "",
                                   causes: report.schemaCauses)
        }
        let kept = report.unknownFields.isEmpty ? object : BodyDecoding.droppingUnknownFields(object, schema: registry.schema)
        return (kept, report.warnings(for: directive))
    }

    /// Defaults (custom resources by their CRD's structural schema) and validates an object about
    /// to be created (`old == nil`) or updated.
    func admit(_ object: inout JSON, old: JSON?, resource: ClusterResource) throws {
        Defaulting.apply(to: &object, schema: registry.schema)
        let causes: [FieldCause]
        if let old {
            causes = Validation.validateUpdate(object, old: old, namespaced: resource.namespaced, schema: registry.schema)
        } else {
            causes = Validation.validateCreate(object, namespaced: resource.namespaced, schema: registry.schema)
        }
        if !causes.isEmpty {
            throw StatusError.invalid(kind: resource.groupKind, name: object[path: ["metadata", "name"]]?.stringValue ?? "",
                                   causes: causes)
        }
    }
}

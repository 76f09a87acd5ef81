import Manifests

/// The whole admission of a write, in the API server's order: decode the body against the schema
/// (type errors and, under `Strict`, unknown or duplicate fields fail it), drop unknown fields,
/// apply defaults, then validate. The request handler calls this and sends either the admitted
/// object (with any warnings) or the rejection's Status.
public enum Admission {
    /// An object that passed, defaulted, with the `Warning` texts to send (`fieldValidation=Warn`).
    public struct Admitted: Sendable {
        public var object: JSON
        public var warnings: [String]
    }

    /// A rejected write: the HTTP status code and the Status body to answer with.
    public struct Rejection: Error, Sendable {
        public var code: Int
        public var status: JSON
    }

    /// Admits a create. `uid` is the one the server assigned (Job selectors are built from it).
    /// `body` is the raw JSON request, when there is one, to find duplicate fields.
    public static func admitCreate(_ object: JSON, body: [UInt8]? = nil, directive: FieldValidationDirective = .strict,
                                   uid: String, schema: KubeSchema = .builtin) -> Result<Admitted, Rejection> {
        admit(object, old: nil, body: body, directive: directive, uid: uid, schema: schema)
    }

    /// Admits an update of `old` (as stored) to `object`.
    public static func admitUpdate(_ object: JSON, old: JSON, body: [UInt8]? = nil, directive: FieldValidationDirective = .strict,
                                   schema: KubeSchema = .builtin) -> Result<Admitted, Rejection> {
        admit(object, old: old, body: body, directive: directive, uid: nil, schema: schema)
    }

    private static func admit(_ input: JSON, old: JSON?, body: [UInt8]?, directive: FieldValidationDirective,
                              uid: String?, schema: KubeSchema) -> Result<Admitted, Rejection> {
        guard let kind = BodyDecoding.kind(of: input) else {
            return .failure(Rejection(code: 400, status: RejectionStatus.badRequest("Object 'Kind' is missing in '\(input.serialized())'")))
        }
        let name = input[path: ["metadata", "name"]]?.stringValue ?? ""
        let report = BodyDecoding.check(input, body: body, schema: schema)
        if let message = report.badRequestMessage(for: kind, directive: directive) {
            return .failure(Rejection(code: 400, status: RejectionStatus.badRequest(message)))
        }
        if !report.schemaCauses.isEmpty {
            return .failure(invalid(kind, name, report.schemaCauses))
        }
        var object = BodyDecoding.droppingUnknownFields(input, schema: schema)
        Defaulting.apply(to: &object, schema: schema)
        if let uid, old == nil { Defaulting.prepareForCreate(&object, uid: uid) }

        let namespaced = schema.resource(for: kind)?.namespaced
        let causes: [FieldCause]
        if let old {
            causes = Validation.validateUpdate(object, old: old, namespaced: namespaced, schema: schema)
        } else {
            causes = Validation.validateCreate(object, namespaced: namespaced, schema: schema)
        }
        if !causes.isEmpty { return .failure(invalid(kind, name, causes)) }
        return .success(Admitted(object: object, warnings: report.warnings(for: directive)))
    }

    private static func invalid(_ kind: GroupVersionKind, _ name: String, _ causes: [FieldCause]) -> Rejection {
        Rejection(code: 422, status: RejectionStatus.invalid(kind: kind.groupKind, name: name, causes: causes))
    }
}

import Manifests

/// What decoding a request body into a kind's schema found, before any defaulting or validation.
///
/// A real API server decodes into Go structs: a value of the wrong type fails the request whatever
/// `fieldValidation` says; unknown and duplicate fields fail it only under `Strict`
/// (`k8s.io/apimachinery/pkg/runtime/serializer/json`, `sigs.k8s.io/json` strict decoding).
public struct DecodingReport: Equatable, Sendable {
    /// Paths of fields the schema does not declare: `spec.template.spec.containers[0].foo`.
    public var unknownFields: [String] = []
    /// Paths of keys given twice in one object of the body.
    public var duplicateFields: [String] = []
    /// The first wrong-typed value of a built-in kind, in Go's words:
    /// `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
    public var typeError: String?
    /// Wrong-typed values of a custom resource: its schema validation rejects them with a 422.
    public var schemaCauses: [FieldCause] = []

    public init() {}

    /// `unknown field "spec.foo"` and `duplicate field "metadata.name"`: the strict decoding errors,
    /// which `Warn` returns as warnings.
    public var strictErrors: [String] {
        unknownFields.map { "unknown field \(GoValue.quote($0))" } + duplicateFields.map { "duplicate field \(GoValue.quote($0))" }
    }

    /// The message of the 400 BadRequest a real server answers, or `nil` when decoding succeeds:
    /// `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"`.
    public func badRequestMessage(for kind: GroupVersionKind, directive: FieldValidationDirective) -> String? {
        let prefix = "\(kind.kind) in version \(GoValue.quote(kind.version)) cannot be handled as a \(kind.kind): "
        if let typeError { return prefix + typeError }
        if directive == .strict, !strictErrors.isEmpty {
            return prefix + "strict decoding error: " + strictErrors.joined(separator: ", ")
        }
        return nil
    }

    /// The `Warning` headers (text only) a request with this body gets under the directive.
    public func warnings(for directive: FieldValidationDirective) -> [String] {
        directive == .warn ? strictErrors : []
    }
}

/// The `fieldValidation` query parameter of writes: what the API server does with fields the
/// kind's schema does not declare, or written twice (Kubernetes ≥ 1.25; kubectl sends `Strict`
/// by default since 1.27).
public enum FieldValidation: String, Sendable, CaseIterable {
    /// Refuse the request with 400 BadRequest: `strict decoding error: unknown field "spec.replica"`.
    case strict = "Strict"
    /// Accept it, drop the fields, and say so in `Warning` headers.
    case warn = "Warn"
    /// Accept it and drop the fields in silence.
    case ignore = "Ignore"
}

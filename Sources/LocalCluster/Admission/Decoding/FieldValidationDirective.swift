/// The `fieldValidation` query parameter: what a write does with unknown or duplicate fields.
public enum FieldValidationDirective: String, Sendable, CaseIterable {
    /// Reject with 400 BadRequest (kubectl's default since 1.27).
    case strict = "Strict"
    /// Accept, drop the fields, and return each as a `Warning` header.
    case warn = "Warn"
    /// Accept and drop the fields silently.
    case ignore = "Ignore"
}

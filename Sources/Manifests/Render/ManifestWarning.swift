/// A YAML 1.1 trap: an unquoted `yes`, `on`, `0755` or `1.10` turned into a boolean or number
/// where Kubernetes expects a string (ConfigMap data, labels, annotations, env values).
///
/// Warnings are values for the caller to print or collect; rendering never prints.
public struct ManifestWarning: Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    /// The object it concerns, e.g. `ConfigMap web/settings`.
    public var object: String
    /// The field, e.g. `data.DEBUG` or `spec.template.spec.containers[0].env[1].value`.
    public var field: String
    /// The scalar exactly as written.
    public var text: String
    /// What YAML 1.1 made of it.
    public var value: JSON

    public init(location: SourceLocation, object: String, field: String, text: String, value: JSON) {
        self.location = location
        self.object = object
        self.field = field
        self.text = text
        self.value = value
    }

    /// How to fix it: the original text in double quotes.
    public var hint: String { "quote it: \"\(text)\"" }

    public var description: String {
        let meaning = value.boolValue != nil ? "the boolean \(value.serialized())" : "the number \(value.serialized())"
        return "\(location): \(object): \(field) is \(text), which YAML reads as \(meaning), but Kubernetes expects a string; \(hint)"
    }
}

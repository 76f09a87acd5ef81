/// A path to a field as Kubernetes' validation prints it: `spec.template.spec.containers[0].image`,
/// `data[my key]` (apimachinery `field.Path`).
public struct FieldErrorPath: Hashable, Sendable, CustomStringConvertible {
    public private(set) var description: String

    public init(_ first: String, _ rest: String...) {
        description = first
        for name in rest { description += "." + name }
    }

    private init(raw: String) { description = raw }

    public func child(_ name: String, _ more: String...) -> FieldErrorPath {
        var path = FieldErrorPath(raw: description.isEmpty ? name : description + "." + name)
        for name in more { path = path.child(name) }
        return path
    }

    public func index(_ index: Int) -> FieldErrorPath { FieldErrorPath(raw: description + "[\(index)]") }

    /// A map entry, bracketed and unquoted as apimachinery prints it.
    public func key(_ key: String) -> FieldErrorPath { FieldErrorPath(raw: description + "[\(key)]") }
}

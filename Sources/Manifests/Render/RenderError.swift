/// Why an environment cannot be rendered; the description is the one line a user should see.
public enum RenderError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The YAML (or JSON) of a file does not parse.
    case syntax(YAMLError)
    /// A path with a `..` component.
    case parentComponent(file: String)
    /// A symlink whose target lies outside the environment's folder.
    case symlinkEscapes(file: String, target: String, environment: String)
    case symlinkTargetMissing(file: String, target: String)
    case symlinkLoop(file: String)
    /// A document or `List` item that is not a mapping.
    case notAnObject(SourceLocation, found: String)
    /// `apiVersion`, `kind` or `metadata.name` missing or empty.
    case missingField(SourceLocation, field: String)
    /// Present but not a string (e.g. an unquoted `name: 0755`).
    case fieldNotAString(SourceLocation, field: String, found: JSON)
    /// `.inf` or `.nan`, which JSON (and so the API server) cannot carry.
    case nonFiniteNumber(SourceLocation, field: String)
    /// The same group, kind, namespace and name defined twice.
    case duplicateObject(ObjectIdentity, first: SourceLocation, second: SourceLocation)
    case environmentNotFound(path: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .syntax(let error):
            return error.description
        case .parentComponent(let file):
            return "\(file): paths with a '..' component are refused"
        case .symlinkEscapes(let file, let target, let environment):
            return "\(file): symlink to \(target) leaves the environment \(environment); refused"
        case .symlinkTargetMissing(let file, let target):
            return "\(file): symlink target \(target) does not exist"
        case .symlinkLoop(let file):
            return "\(file): too many levels of symlinks"
        case .notAnObject(let location, let found):
            return "\(location): expected a Kubernetes object (a mapping), found \(found)"
        case .missingField(let location, let field):
            return "\(location): object has no \(field)"
        case .fieldNotAString(let location, let field, let found):
            return "\(location): \(field) must be a string, found \(found.typeName) \(found.serialized()); quote it"
        case .nonFiniteNumber(let location, let field):
            return "\(location): \(field) is infinite or not a number, which JSON cannot carry to the API server"
        case .duplicateObject(let identity, let first, let second):
            return "\(second): \(identity) is defined twice, first at \(first)"
        case .environmentNotFound(let path):
            return "\(path): no such environment folder"
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

/// A write the API server refused because it would change fields that cannot change once set
/// (`spec.selector` of a Deployment, `spec.clusterIP` of a Service, a Job's template): only
/// deleting and recreating the object gets past it. `KubeClient`'s writes throw it in place of
/// the `APIError` it carries, so callers decide on the type, not on the server's wording.
public struct ImmutableFieldRejection: Error, Sendable, CustomStringConvertible {
    /// The fields named, e.g. `["spec.selector"]`; empty when the server named none.
    public var fields: [String]
    /// The server's answer.
    public var error: APIError

    public init(fields: [String], error: APIError) {
        self.fields = fields
        self.error = error
    }

    public var description: String { error.description }
}

extension APIStatus {
    /// The fields an `Invalid` answer refuses to change, `nil` when it is no such answer. The
    /// server says "field is immutable" in each cause (apimachinery's `field.Forbidden`/`Invalid`
    /// with `ValidateImmutableField`), or only in the message when it sent no causes:
    /// `Deployment.apps "web" is invalid: spec.selector: Invalid value: …: field is immutable`.
    public var immutableFields: [String]? {
        guard reason == "Invalid" || code == 422 else { return nil }
        var fields = causes.filter { $0.message.contains("immutable") }.map(\.field).filter { !$0.isEmpty }
        if fields.isEmpty, message.contains("field is immutable"), let range = message.range(of: " is invalid: ") {
            let field = message[range.upperBound...].prefix { $0 != ":" }
            if !field.isEmpty { fields = [String(field)] }
        }
        guard !fields.isEmpty || message.contains("immutable") else { return nil }
        var seen = Set<String>()
        return fields.filter { seen.insert($0).inserted }
    }
}

extension KubeClient {
    /// Runs a write, turning an immutable-field refusal into `ImmutableFieldRejection`.
    func rejectingImmutableFields<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let error as APIError {
            if let fields = error.status.immutableFields { throw ImmutableFieldRejection(fields: fields, error: error) }
            throw error
        }
    }
}

import KubeAPI
import Manifests

/// Fields the API server refuses under `fieldValidation=Strict` — a typo such as `replica:` or
/// `imagePullPolcy:` — found before anything of the revision is applied.
public struct FieldRejection: Sendable, Equatable, CustomStringConvertible {
    public var identity: ObjectIdentity
    /// In the server's spelling: `spec.replica`, `spec.template.spec.containers[0].imagePullPolcy`.
    public var unknownFields: [String]
    public var duplicateFields: [String]

    public init(identity: ObjectIdentity, unknownFields: [String], duplicateFields: [String] = []) {
        self.identity = identity
        self.unknownFields = unknownFields
        self.duplicateFields = duplicateFields
    }

    /// The fields named by a strict decoding error (`… strict decoding error: unknown field
    /// "spec.replica", duplicate field "x"`); `nil` when the message names none.
    init?(identity: ObjectIdentity, strictDecodingMessage message: String) {
        func quoted(after marker: String) -> [String] {
            var found: [String] = []
            var rest = Substring(message)
            while let range = rest.range(of: marker + " \"") {
                let value = rest[range.upperBound...]
                guard let end = value.firstIndex(of: "\"") else { break }
                found.append(String(value[..<end]))
                rest = value[value.index(after: end)...]
            }
            return found
        }
        let unknown = quoted(after: "unknown field"), duplicate = quoted(after: "duplicate field")
        guard !unknown.isEmpty || !duplicate.isEmpty else { return nil }
        self.init(identity: identity, unknownFields: unknown, duplicateFields: duplicate)
    }

    /// Every field, unknown ones first.
    public var fields: [String] { unknownFields + duplicateFields }

    /// `Deployment.apps web/django: unknown field "spec.replica"`
    public var description: String {
        let named = unknownFields.map { "unknown field \"\($0)\"" } + duplicateFields.map { "duplicate field \"\($0)\"" }
        return "\(identity): " + named.joined(separator: ", ")
    }

    /// A 400 BadRequest to a strict write, read as the fields it refuses.
    static func from(_ error: any Error, identity: ObjectIdentity) -> FieldRejection? {
        guard let error = error as? APIError, error.reason == .badRequest else { return nil }
        return FieldRejection(identity: identity, strictDecodingMessage: error.status.message)
    }
}

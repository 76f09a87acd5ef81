import Manifests

/// Why a JSON patch (RFC 6902) could not be applied, worded as the API server words it.
///
/// The API server answers `.malformed` with 400 Bad Request and `.notApplicable` with
/// 422 Unprocessable Entity, carrying `message` as the Status message.
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The patch document is not a list of operations.
        case malformed
        /// An operation does not fit the document (missing path, failed test, bad index).
        case notApplicable
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    // The wording follows gopkg.in/evanphx/json-patch.v4 (patch.go), which the API server uses:
    // wrapped errors read "<context>: <cause>".
    static let missing = "missing value"
    static let invalidIndex = "invalid index referenced"
    static let testFailed = "test failed"
}

import Manifests

/// Why a strategic merge patch could not be applied, worded as
/// k8s.io/apimachinery/pkg/util/mergepatch words it.
public struct StrategicMergePatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The HTTP status the API server answers with (400, 422, or 500 for other merge errors),
    /// as apiserver's `interpretStrategicMergePatchError` maps them.
    public var httpStatus: Int

    init(_ message: String, httpStatus: Int = 500) {
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String { message }

    static let badPrimitiveListFormat = Self("invalid patch format of primitive list", httpStatus: 400)
    static let badRetainKeysFormat = Self("invalid patch format of retainKeys", httpStatus: 400)
    static let badSetElementOrderFormat = Self("invalid patch format of setElementOrder list", httpStatus: 400)
    static let listOfLists = Self("lists of lists are not supported", httpStatus: 422)

    static func noMergeKey(_ map: JSONObject, _ key: String) -> Self {
        Self("map: \(GoFormat.value(.object(map))) does not contain declared merge key: \(key)")
    }

    static func badPatchType(_ type: JSON, _ map: JSONObject) -> Self {
        Self("unknown patch type: \(GoFormat.value(type)) in map: \(GoFormat.value(.object(map)))")
    }

    static func badArgType(expected: String, actual: JSON) -> Self {
        Self("expected a \(expected), but received a \(GoFormat.typeName(actual))")
    }
}

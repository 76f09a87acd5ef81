/// One reason an object is invalid: what the API server puts in `details.causes` of a 422 Status
/// (apimachinery `field.Error`: type, field, and the body `Invalid value: "Foo": must be …`).
public struct FieldCause: Hashable, Sendable, CustomStringConvertible {
    public var type: FieldCauseType
    /// `spec.template.spec.containers[0].image`
    public var field: String
    /// The error body without the field: `Required value`, `Invalid value: "Foo": a lowercase …`.
    public var message: String

    public init(type: FieldCauseType, field: String, message: String) {
        self.type = type
        self.field = field
        self.message = message
    }

    /// `field: message`, as in a Status message.
    public var description: String { "\(field): \(message)" }

    // The constructors mirror apimachinery's `field.Invalid`, `field.Required`, … so a rule reads
    // like its Go original.

    public static func invalid(_ path: FieldErrorPath, _ value: GoValue, _ detail: String) -> FieldCause {
        make(.invalid, path, value: value, detail: detail)
    }

    public static func required(_ path: FieldErrorPath, _ detail: String = "") -> FieldCause {
        make(.required, path, value: nil, detail: detail)
    }

    public static func forbidden(_ path: FieldErrorPath, _ detail: String) -> FieldCause {
        make(.forbidden, path, value: nil, detail: detail)
    }

    public static func notFound(_ path: FieldErrorPath, _ value: GoValue) -> FieldCause {
        make(.notFound, path, value: value, detail: "")
    }

    public static func duplicate(_ path: FieldErrorPath, _ value: GoValue) -> FieldCause {
        make(.duplicate, path, value: value, detail: "")
    }

    public static func notSupported(_ path: FieldErrorPath, _ value: GoValue, supported: [String]) -> FieldCause {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoValue.quote).joined(separator: ", ")
        return make(.notSupported, path, value: value, detail: detail)
    }

    /// `field.TooLong` (1.32, after kubernetes#128553 merged TooLongMaxLength into it): the value
    /// is never shown, the limit is in bytes.
    public static func tooLong(_ path: FieldErrorPath, maximum: Int) -> FieldCause {
        make(.tooLong, path, value: nil, detail: "may not be more than \(maximum) \(maximum == 1 ? "byte" : "bytes")")
    }

    /// `field.TooMany`: `Too many: 4: must have at most 3 items`.
    public static func tooMany(_ path: FieldErrorPath, actual: Int, maximum: Int) -> FieldCause {
        make(.tooMany, path, value: .int(Int64(actual)), detail: "must have at most \(maximum) items")
    }

    /// Builds the body as `field.Error.ErrorBody()` does: required, forbidden and the like omit the value.
    private static func make(_ type: FieldCauseType, _ path: FieldErrorPath, value: GoValue?, detail: String) -> FieldCause {
        var body = type.phrase
        if let value, type.showsValue { body += ": " + value.formatted }
        if !detail.isEmpty { body += ": " + detail }
        return FieldCause(type: type, field: path.description, message: body)
    }
}

/// apimachinery's `field.ErrorType`; the raw value is the Status cause `reason`.
public enum FieldCauseType: String, Hashable, Sendable {
    case notFound = "FieldValueNotFound"
    case required = "FieldValueRequired"
    case duplicate = "FieldValueDuplicate"
    case invalid = "FieldValueInvalid"
    case notSupported = "FieldValueNotSupported"
    case forbidden = "FieldValueForbidden"
    case tooLong = "FieldValueTooLong"
    case tooMany = "FieldValueTooMany"
    case `internal` = "InternalError"
    case typeInvalid = "FieldValueTypeInvalid"

    /// `ErrorType.String()`.
    public var phrase: String {
        switch self {
        case .notFound: return "Not found"
        case .required: return "Required value"
        case .duplicate: return "Duplicate value"
        case .invalid: return "Invalid value"
        case .notSupported: return "Unsupported value"
        case .forbidden: return "Forbidden"
        case .tooLong: return "Too long"
        case .tooMany: return "Too many"
        case .internal: return "Internal error"
        case .typeInvalid: return "Invalid value"
        }
    }

    /// Required, Forbidden, TooLong and Internal bodies never print the value.
    var showsValue: Bool {
        switch self {
        case .required, .forbidden, .tooLong, .internal: return false
        default: return true
        }
    }
}

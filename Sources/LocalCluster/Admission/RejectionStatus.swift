import Manifests

/// The `Status` bodies an API server answers a rejected write with; the request handler sends them.
public enum RejectionStatus {
    /// 422 `Invalid`, as apimachinery `errors.NewInvalid` builds it: the message joins the causes
    /// (`Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be …`, several in
    /// `[…, …]`), and each cause is listed under `details.causes`.
    public static func invalid(kind: GroupKind, name: String, causes: [FieldCause]) -> JSON {
        var details: JSONObject = ["name": .string(name)]
        if !kind.group.isEmpty { details["group"] = .string(kind.group) }
        details["kind"] = .string(kind.kind)
        details["causes"] = .array(causes.map { cause in
            ["reason": .string(cause.type.rawValue), "message": .string(cause.message), "field": .string(cause.field)]
        })
        return status(code: 422, reason: "Invalid", message: invalidMessage(kind: kind, name: name, causes: causes), details: details)
    }

    /// The message of a 422: causes deduplicated (`ErrorList.ToAggregate`), one bare, several bracketed.
    public static func invalidMessage(kind: GroupKind, name: String, causes: [FieldCause]) -> String {
        var seen = Set<String>()
        let messages = causes.map(\.description).filter { seen.insert($0).inserted }
        let prefix = "\(kind) \(GoValue.quote(name)) is invalid"
        switch messages.count {
        case 0: return prefix
        case 1: return prefix + ": " + messages[0]
        default: return prefix + ": [" + messages.joined(separator: ", ") + "]"
        }
    }

    /// 400 `BadRequest` with the given message (a body that cannot be decoded, strict field errors).
    public static func badRequest(_ message: String) -> JSON {
        status(code: 400, reason: "BadRequest", message: message, details: nil)
    }

    private static func status(code: Int64, reason: String, message: String, details: JSONObject?) -> JSON {
        var object: JSONObject = [
            "kind": "Status", "apiVersion": "v1", "metadata": .object(JSONObject()),
            "status": "Failure", "message": .string(message), "reason": .string(reason),
        ]
        if let details { object["details"] = .object(details) }
        object["code"] = .int(code)
        return .object(object)
    }
}

import Manifests

/// The server's `Status` object that accompanies a failed request (`kind: Status`).
public struct APIStatus: Sendable, Equatable, CustomStringConvertible {
    /// One field-level reason an object was rejected (`details.causes`).
    public struct Cause: Sendable, Equatable {
        public var reason: String
        public var message: String
        public var field: String
    }

    public var code: Int
    /// `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, ... or empty.
    public var reason: String
    public var message: String
    public var causes: [Cause]
    /// `details.name` and `details.kind`, when the server says which object it was.
    public var name: String?
    public var kind: String?
    /// `details.retryAfterSeconds`.
    public var retryAfterSeconds: Int?

    public init(code: Int, reason: String, message: String, causes: [Cause] = [], name: String? = nil,
                kind: String? = nil, retryAfterSeconds: Int? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.causes = causes
        self.name = name
        self.kind = kind
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Reads a `Status` body; anything else (an HTML error page from a proxy) becomes a status
    /// with the HTTP code and the start of the body as its message.
    init(httpStatus: Int, body: [UInt8]) {
        if let json = try? JSON(parsing: body), json["kind"]?.stringValue == "Status" {
            self.init(json: json, fallbackCode: httpStatus)
        } else {
            let text = String(decoding: body.prefix(300), as: UTF8.self)
            self.init(code: httpStatus, reason: "", message: text.isEmpty ? "HTTP \(httpStatus)" : text)
        }
    }

    init(json: JSON, fallbackCode: Int) {
        let details = json["details"]
        let causes = (details?["causes"]?.arrayValue ?? []).map {
            Cause(reason: $0["reason"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "",
                  field: $0["field"]?.stringValue ?? "")
        }
        self.init(code: Int(json["code"]?.intValue ?? Int64(fallbackCode)),
                  reason: json["reason"]?.stringValue ?? "",
                  message: json["message"]?.stringValue ?? "",
                  causes: causes,
                  name: details?["name"]?.stringValue,
                  kind: details?["kind"]?.stringValue,
                  retryAfterSeconds: details?["retryAfterSeconds"]?.intValue.map(Int.init))
    }

    public var description: String {
        let head = message.isEmpty ? "HTTP \(code)" : message
        return reason.isEmpty ? "\(head) (\(code))" : "\(head) (\(reason), \(code))"
    }
}

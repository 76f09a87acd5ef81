import Manifests
/// The query parameters every write takes: `dryRun`, `fieldManager`, `fieldValidation`, `force`.
struct WriteOptions: Sendable {
    enum FieldValidation: String, Sendable { case strict = "Strict", warn = "Warn", ignore = "Ignore" }

    var dryRun: Bool
    var fieldManager: String?
    var fieldValidation: FieldValidation
    var force: Bool

    init(_ request: APIRequest) throws {
        let dryRunValues = request.query.all("dryRun")
        for value in dryRunValues where value != "All" {
            throw StatusError.badRequest("Invalid dry run value: \(value)")
        }
        dryRun = !dryRunValues.isEmpty
        fieldManager = request.query["fieldManager"]
        switch request.query["fieldValidation"] ?? "" {
        case "", "Warn": fieldValidation = .warn
        case "Strict": fieldValidation = .strict
        case "Ignore": fieldValidation = .ignore
        case let other:
            throw StatusError.badRequest("fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"\(other)\"")
        }
        force = request.query.flag("force")
        if let manager = fieldManager, manager.count > 128 {
            throw StatusError.invalid(kind: GroupKind(group: "", kind: "Request"), name: "",
                                   causes: [.tooLong(FieldErrorPath("fieldManager"), maximum: 128)])
        }
    }

    /// The manager recorded for non-apply writes: the parameter, else the user agent's program name.
    func manager(userAgent: String?) -> String {
        if let fieldManager, !fieldManager.isEmpty { return fieldManager }
        guard let agent = userAgent, !agent.isEmpty else { return "unknown" }
        return String(agent.split(separator: "/").first ?? Substring(agent))
    }
}

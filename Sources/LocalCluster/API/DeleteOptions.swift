import Manifests

/// `DeleteOptions` from the body or the query: propagation policy, preconditions, dry run.
struct DeleteOptions: Sendable {
    enum Propagation: String, Sendable { case background = "Background", foreground = "Foreground", orphan = "Orphan" }

    var propagation: Propagation?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun: Bool

    /// What the garbage collector and namespace controller use: delete, dependents in the background.
    static let background = DeleteOptions(propagation: .background, preconditionUID: nil, preconditionResourceVersion: nil, dryRun: false)

    init(propagation: Propagation?, preconditionUID: String?, preconditionResourceVersion: String?, dryRun: Bool) {
        self.propagation = propagation
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    init(_ request: APIRequest) throws {
        let body = request.body.isEmpty ? JSON.object([:]) : try RequestBody.json(request)
        let policy = body["propagationPolicy"]?.stringValue ?? request.query["propagationPolicy"]
        if let policy {
            guard let parsed = Propagation(rawValue: policy) else {
                throw StatusError.invalid(kind: GroupKind(group: "meta.k8s.io", kind: "DeleteOptions"), name: "",
                                       causes: [.notSupported(FieldErrorPath("propagationPolicy"), .string(policy),
                                                              supported: ["Foreground", "Background", "Orphan"])])
            }
            propagation = parsed
        } else if let orphan = body["orphanDependents"]?.boolValue ?? (request.query["orphanDependents"].map { $0 == "true" }) {
            propagation = orphan ? .orphan : .background
        }
        preconditionUID = body[path: ["preconditions", "uid"]]?.stringValue
        preconditionResourceVersion = body[path: ["preconditions", "resourceVersion"]]?.stringValue
        let dryRunValues = (body["dryRun"]?.arrayValue?.compactMap(\.stringValue) ?? []) + request.query.all("dryRun")
        for value in dryRunValues where value != "All" { throw StatusError.badRequest("Invalid dry run value: \(value)") }
        dryRun = !dryRunValues.isEmpty
    }
}

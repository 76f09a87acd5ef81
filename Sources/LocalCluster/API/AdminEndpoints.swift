import Manifests

/// `/mooring-admin/faults`: GET shows the fault rules, PUT replaces them (see `FaultRules`).
struct AdminEndpoints: Sendable {
    let context: ClusterContext

    func respond(path: String, request: APIRequest) throws -> APIResponse {
        guard path == "/mooring-admin/faults" else { throw StatusError.resourceNotFound }
        switch request.method {
        case .GET:
            return .json(context.faults.rules.json)
        case .PUT:
            let rules: FaultRules
            do {
                rules = try FaultRules(json: try RequestBody.json(request))
            } catch let error as FaultRulesError {
                throw StatusError.badRequest(error.description)
            }
            context.faults.replace(with: rules)
            return .json(rules.json)
        default:
            throw StatusError.methodNotAllowed
        }
    }
}

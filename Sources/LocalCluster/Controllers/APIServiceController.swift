import Manifests

/// kube-aggregator's availability controller: a Local APIService (no `spec.service`) is always
/// Available; one backed by a Service is Available once the Service exists and its Endpoints
/// have a ready address on the port, otherwise False with the aggregator's reason
/// (`ServiceNotFound`, `MissingEndpoints`). The local cluster never proxies to it (see README).
struct APIServiceController: Sendable {
    let client: ControllerClient
    static let apiServices = SystemObjects.apiServices

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil else { return }
        let spec = stored.object["spec"]
        let (status, reason, message) = await availability(spec)
        let now = Timestamps.now()
        await client.update(key) { object in
            var conditions = WorkloadConditions(object[path: ["status", "conditions"]]?.arrayValue ?? [])
            conditions.set("Available", status: status, reason: reason, message: message, now: now)
            object[path: ["status", "conditions"]] = .array(conditions.items.map { condition in
                var copy = condition
                copy["lastUpdateTime"] = nil
                return copy
            })
        }
    }

    private func availability(_ spec: JSON?) async -> (String, String, String) {
        guard let service = spec?["service"], let name = service["name"]?.stringValue else {
            return ("True", "Local", "Local APIServices are always available")
        }
        let namespace = service["namespace"]?.stringValue ?? ""
        let port = service["port"]?.intValue ?? 443
        guard let found = await client.get(ObjectKey(resource: EndpointsController.services, namespace: namespace, name: name))?.object else {
            return ("False", "ServiceNotFound", "service/\(name) in \"\(namespace)\" is not present")
        }
        let servicePort = (found[path: ["spec", "ports"]]?.arrayValue ?? []).first { $0["port"]?.intValue == port }
        guard let servicePort else {
            return ("False", "ServicePortError", "service/\(name) in \"\(namespace)\" is not listening on port \(port)")
        }
        let portName = servicePort["name"]?.stringValue ?? ""
        let endpoints = await client.get(ObjectKey(resource: EndpointsController.endpoints, namespace: namespace, name: name))?.object
        let ready = (endpoints?["subsets"]?.arrayValue ?? []).contains { subset in
            !(subset["addresses"]?.arrayValue ?? []).isEmpty
                && (subset["ports"]?.arrayValue ?? []).contains { ($0["name"]?.stringValue ?? "") == portName }
        }
        guard ready else {
            return ("False", "MissingEndpoints", "endpoints for service/\(name) in \"\(namespace)\" have no addresses with port name \"\(portName)\"")
        }
        return ("True", "Passed", "all checks passed")
    }
}

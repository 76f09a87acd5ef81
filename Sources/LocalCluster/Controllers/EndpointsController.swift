import Manifests

/// Endpoints and EndpointSlices for Services with a selector: the ready pods that match, on the
/// Service's target ports, as the endpoints and endpointslice controllers publish them.
struct EndpointsController: Sendable {
    let client: ControllerClient
    static let services = GroupResource(group: "", resource: "services")
    static let endpoints = GroupResource(group: "", resource: "endpoints")
    static let slices = GroupResource(group: "discovery.k8s.io", resource: "endpointslices")

    func reconcile(_ key: ObjectKey) async {
        guard let stored = await client.get(key), stored.object[path: ["metadata", "deletionTimestamp"]] == nil,
              let selector = stored.object[path: ["spec", "selector"]]?.objectValue, !selector.isEmpty else { return }
        let service = stored.object
        let query = LabelQuery(selector: ["matchLabels": .object(selector)])
        let pods = await client.context.store.list(ControllerClient.pods, namespace: key.namespace).items
            .map(\.object).filter { query.matches(StoredObject.labels(of: $0)) && $0[path: ["status", "podIP"]] != nil }
        // Endpoints leave an empty port name out (`omitempty`); EndpointSlice ports hold a pointer
        // the controller always sets, so an unnamed port reads `name: ""` (kubectl describe relies on it).
        let servicePorts = service[path: ["spec", "ports"]]?.arrayValue ?? []
        let ports = servicePorts.map { port -> JSON in
            var entry: JSONObject = ["port": .int(Self.targetPort(port, pods: pods)), "protocol": port["protocol"] ?? "TCP"]
            if let name = port["name"]?.stringValue, !name.isEmpty { entry["name"] = .string(name) }
            if let appProtocol = port["appProtocol"] { entry["appProtocol"] = appProtocol }
            return .object(entry)
        }
        let slicePorts = servicePorts.map { port -> JSON in
            var entry: JSONObject = ["name": .string(port["name"]?.stringValue ?? ""),
                                     "port": .int(Self.targetPort(port, pods: pods)), "protocol": port["protocol"] ?? "TCP"]
            if let appProtocol = port["appProtocol"] { entry["appProtocol"] = appProtocol }
            return .object(entry)
        }
        let ready = pods.filter(PodTemplates.isReady)
        let notReady = pods.filter { !PodTemplates.isReady($0) }
        func address(_ pod: JSON) -> JSON {
            ["ip": pod[path: ["status", "podIP"]] ?? "", "nodeName": "local-node",
             "targetRef": ["kind": "Pod", "namespace": .string(key.namespace), "name": pod[path: ["metadata", "name"]] ?? "",
                           "uid": pod[path: ["metadata", "uid"]] ?? ""]]
        }
        var subset: JSONObject = [:]
        if !ready.isEmpty { subset["addresses"] = .array(ready.map(address)) }
        if !notReady.isEmpty { subset["notReadyAddresses"] = .array(notReady.map(address)) }
        subset["ports"] = .array(ports)
        let subsets: JSON = pods.isEmpty ? .null : [.object(subset)]
        let endpointsKey = ObjectKey(resource: Self.endpoints, namespace: key.namespace, name: key.name)
        if await client.get(endpointsKey) == nil {
            var object: JSON = ["apiVersion": "v1", "kind": "Endpoints",
                                "metadata": ["name": .string(key.name), "namespace": .string(key.namespace),
                                             "labels": service[path: ["metadata", "labels"]] ?? .object([:])]]
            if !subsets.isNull { object["subsets"] = subsets }
            await client.create(object, resource: Self.endpoints)
        } else {
            await client.update(endpointsKey) { object in object["subsets"] = subsets.isNull ? nil : subsets }
        }
        let slice: JSON = [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": ["name": .string("\(key.name)-local"), "namespace": .string(key.namespace),
                         "labels": ["kubernetes.io/service-name": .string(key.name),
                                    "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"],
                         "ownerReferences": [ControllerClient.ownerReference(to: service, kind: "Service", apiVersion: "v1")]],
            "addressType": "IPv4",
            "endpoints": .array(pods.map { pod in
                ["addresses": [pod[path: ["status", "podIP"]] ?? ""],
                 "conditions": ["ready": .bool(PodTemplates.isReady(pod)), "serving": .bool(PodTemplates.isReady(pod)), "terminating": false],
                 "nodeName": "local-node",
                 "targetRef": ["kind": "Pod", "namespace": .string(key.namespace), "name": pod[path: ["metadata", "name"]] ?? "",
                               "uid": pod[path: ["metadata", "uid"]] ?? ""]]
            }),
            "ports": .array(slicePorts),
        ]
        let sliceKey = ObjectKey(resource: Self.slices, namespace: key.namespace, name: "\(key.name)-local")
        if await client.get(sliceKey) == nil {
            await client.create(slice, resource: Self.slices)
        } else {
            await client.update(sliceKey) { object in
                object["endpoints"] = slice["endpoints"]
                object["ports"] = slice["ports"]
            }
        }
    }

    /// A numeric `targetPort`, a named one looked up in the pods' container ports, else `port`.
    static func targetPort(_ port: JSON, pods: [JSON]) -> Int64 {
        if let number = port["targetPort"]?.intValue { return number }
        if let name = port["targetPort"]?.stringValue {
            for pod in pods {
                for container in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
                    if let match = (container["ports"]?.arrayValue ?? []).first(where: { $0["name"]?.stringValue == name }),
                       let number = match["containerPort"]?.intValue { return number }
                }
            }
        }
        return port["port"]?.intValue ?? 0
    }
}

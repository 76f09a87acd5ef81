import Manifests

/// Service columns: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE (+ SELECTOR wide), after printService.
enum ServiceColumns {
    static let columns: [TableColumn] = [
        .name,
        .text("Type") { $0[path: ["spec", "type"]]?.stringValue ?? "ClusterIP" },
        .text("Cluster-IP") { $0[path: ["spec", "clusterIP"]]?.stringValue ?? "<none>" },
        .text("External-IP", externalIP),
        .text("Port(s)", ports),
        .age,
        .text("Selector", priority: 1) { KindColumns.selectorMap($0[path: ["spec", "selector"]]) },
    ]

    static func externalIP(_ service: JSON) -> String {
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let external = (service[path: ["spec", "externalIPs"]]?.arrayValue ?? []).compactMap(\.stringValue)
        switch type {
        case "LoadBalancer":
            let ingress = (service[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? [])
                .compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
            let all = ingress + external
            return all.isEmpty ? "<pending>" : all.joined(separator: ",")
        case "ExternalName":
            return service[path: ["spec", "externalName"]]?.stringValue ?? "<none>"
        default:
            return external.isEmpty ? "<none>" : external.joined(separator: ",")
        }
    }

    static func ports(_ service: JSON) -> String {
        let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
        if ports.isEmpty { return "<none>" }
        return ports.map { port in
            let number = port["port"]?.intValue ?? 0
            let proto = port["protocol"]?.stringValue ?? "TCP"
            if let nodePort = port["nodePort"]?.intValue { return "\(number):\(nodePort)/\(proto)" }
            return "\(number)/\(proto)"
        }.joined(separator: ",")
    }
}

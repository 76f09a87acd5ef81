import Manifests

/// What the Service registry allocates at create: a cluster IP from 10.96.0.0/12 (unless
/// `None` or ExternalName) and node ports (30000–32767) for NodePort and LoadBalancer services.
struct ServiceAllocation: Sendable {
    let context: ClusterContext

    func allocate(_ object: inout JSON, resource: ClusterResource) async throws {
        guard resource.group.isEmpty && resource.kind == "Service" else { return }
        let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let existing = await context.store.list(resource.groupResource, namespace: nil).items.map(\.object)
        if type != "ExternalName" {
            let requested = object[path: ["spec", "clusterIP"]]?.stringValue ?? ""
            if requested.isEmpty {
                let used = Set(existing.compactMap { $0[path: ["spec", "clusterIP"]]?.stringValue })
                var candidate = 1
                while used.contains(Self.address(candidate)) { candidate += 1 }
                object[path: ["spec", "clusterIP"]] = .string(Self.address(candidate))
                object[path: ["spec", "clusterIPs"]] = [.string(Self.address(candidate))]
            } else if object[path: ["spec", "clusterIPs"]] == nil {
                object[path: ["spec", "clusterIPs"]] = [.string(requested)]
            }
        }
        if type == "NodePort" || type == "LoadBalancer" {
            var used = Set(existing.flatMap { ($0[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue } })
            var ports = object[path: ["spec", "ports"]]?.arrayValue ?? []
            for index in ports.indices where ports[index]["nodePort"] == nil {
                var port: Int64 = 30000 + Int64(abs((object[path: ["metadata", "name"]]?.stringValue ?? "").hashValue) % 2000)
                while used.contains(port) { port = port >= 32767 ? 30000 : port + 1 }
                used.insert(port)
                ports[index]["nodePort"] = .int(port)
            }
            object[path: ["spec", "ports"]] = .array(ports)
        }
    }

    /// The n-th address after 10.96.0.0 (10.96.0.1 is the `kubernetes` service on a real cluster,
    /// so allocation starts at 10.96.0.10 to look familiar).
    static func address(_ n: Int) -> String {
        let value = 10 + n
        return "10.96.\(value / 256).\(value % 256)"
    }

    /// On update, a Service that does not name its cluster IPs or node ports keeps the allocated
    /// ones, as the Service registry's patchAllocatedValues does.
    static func carryOver(_ object: inout JSON, old: JSON, resource: ClusterResource) {
        guard resource.group.isEmpty && resource.kind == "Service" else { return }
        for field in ["clusterIP", "clusterIPs", "healthCheckNodePort"] where object[path: ["spec", field]] == nil {
            if let value = old[path: ["spec", field]] { object[path: ["spec", field]] = value }
        }
        guard var ports = object[path: ["spec", "ports"]]?.arrayValue else { return }
        let oldPorts = old[path: ["spec", "ports"]]?.arrayValue ?? []
        for index in ports.indices where ports[index]["nodePort"] == nil {
            let match = oldPorts.first {
                $0["port"] == ports[index]["port"] && ($0["protocol"] ?? "TCP") == (ports[index]["protocol"] ?? "TCP")
            }
            if let nodePort = match?["nodePort"] { ports[index]["nodePort"] = nodePort }
        }
        object[path: ["spec", "ports"]] = .array(ports)
    }
}

import Manifests

/// What the Service registry allocates at create: a cluster IP from 10.96.0.0/12 (unless
/// `None` or ExternalName) and node ports (30000–32767) for NodePort and LoadBalancer services.
/// Addresses and ports a client names must be in range and free, as the allocators check them
/// (`failed to allocate IP …: provided IP is already allocated`).
///
/// It runs inside the store (`ObjectStore.Preparation`), after the writer's managed fields are
/// recorded, as the Service registry allocates below the field manager: concurrent creates never
/// get the same address, and an allocated address is nobody's field.
enum ServiceAllocation {
    static let nodePorts: ClosedRange<Int64> = 30000...32767

    /// The allocation step for a write, or nil when the resource is not a Service.
    static func preparation(for resource: ClusterResource) -> ObjectStore.Preparation? {
        guard resource.group.isEmpty && resource.kind == "Service" else { return nil }
        let kind = resource.groupKind
        return { object, others in try allocate(&object, others: others, kind: kind) }
    }

    static func allocate(_ object: inout JSON, others: [JSON], kind: GroupKind) throws {
        let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        var causes: [FieldCause] = []
        if type != "ExternalName" {
            let requested = object[path: ["spec", "clusterIP"]]?.stringValue ?? ""
            let used = Set(others.compactMap { $0[path: ["spec", "clusterIP"]]?.stringValue })
            if requested.isEmpty {
                var candidate = 1
                while used.contains(Self.address(candidate)) { candidate += 1 }
                object[path: ["spec", "clusterIP"]] = .string(Self.address(candidate))
                object[path: ["spec", "clusterIPs"]] = [.string(Self.address(candidate))]
            } else if requested != "None" {
                let field = FieldErrorPath("spec", "clusterIPs")
                let value = GoValue(formatted: GoValue.stringSliceLiteral([requested]))
                if !Self.inServiceRange(requested) {
                    causes.append(.invalid(field, value, "failed to allocate IP \(requested): the provided network does not match the current range"))
                } else if used.contains(requested) {
                    causes.append(.invalid(field, value, "failed to allocate IP \(requested): provided IP is already allocated"))
                }
                if object[path: ["spec", "clusterIPs"]] == nil { object[path: ["spec", "clusterIPs"]] = [.string(requested)] }
            }
        }
        if type == "NodePort" || type == "LoadBalancer" {
            var used = Set(others.flatMap { ($0[path: ["spec", "ports"]]?.arrayValue ?? []).compactMap { $0["nodePort"]?.intValue } })
            var ports = object[path: ["spec", "ports"]]?.arrayValue ?? []
            for index in ports.indices {
                guard let given = ports[index]["nodePort"]?.intValue, given != 0 else { continue }
                let field = FieldErrorPath("spec", "ports").index(index).child("nodePort")
                if !Self.nodePorts.contains(given) {
                    causes.append(.invalid(field, .int(given), "provided port is not in the valid range. The range of valid ports is 30000-32767"))
                } else if !used.insert(given).inserted {
                    causes.append(.invalid(field, .int(given), "provided port is already allocated"))
                }
            }
            for index in ports.indices where (ports[index]["nodePort"]?.intValue ?? 0) == 0 {
                var port: Int64 = 30000 + Int64(abs(name.hashValue) % 2000)
                while used.contains(port) { port = port >= 32767 ? 30000 : port + 1 }
                used.insert(port)
                ports[index]["nodePort"] = .int(port)
            }
            object[path: ["spec", "ports"]] = .array(ports)
        }
        if !causes.isEmpty { throw StatusError.invalid(kind: kind, name: name, causes: causes) }
    }

    /// The n-th address after 10.96.0.0 (10.96.0.1 is the `kubernetes` service on a real cluster,
    /// so allocation starts at 10.96.0.10 to look familiar).
    static func address(_ n: Int) -> String {
        let value = 10 + n
        return "10.96.\(value / 256).\(value % 256)"
    }

    /// Inside 10.96.0.0/12, less its network and broadcast addresses.
    static func inServiceRange(_ address: String) -> Bool {
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4, parts.allSatisfy({ (0...255).contains($0) }), parts[0] == 10, (96...111).contains(parts[1]) else { return false }
        let isNetwork = parts[1] == 96 && parts[2] == 0 && parts[3] == 0
        let isBroadcast = parts[1] == 111 && parts[2] == 255 && parts[3] == 255
        return !isNetwork && !isBroadcast
    }

    /// On update, a Service that does not name its cluster IPs or node ports keeps the allocated
    /// ones, as the Service registry's patchAllocatedValues does; a changed `clusterIP` alone
    /// becomes the new `clusterIPs` (normalizeClusterIPs), which validation then refuses.
    static func carryOver(_ object: inout JSON, old: JSON, resource: ClusterResource) {
        guard resource.group.isEmpty && resource.kind == "Service" else { return }
        for field in ["clusterIP", "clusterIPs", "healthCheckNodePort"] where object[path: ["spec", field]] == nil {
            if let value = old[path: ["spec", field]] { object[path: ["spec", field]] = value }
        }
        if let ip = object[path: ["spec", "clusterIP"]]?.stringValue, !ip.isEmpty, ip != old[path: ["spec", "clusterIP"]]?.stringValue,
           object[path: ["spec", "clusterIPs"]] == old[path: ["spec", "clusterIPs"]] {
            object[path: ["spec", "clusterIPs"]] = [.string(ip)]
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

import Manifests

/// Service defaults: SetDefaults_Service (`pkg/apis/core/v1/defaults.go`, release-1.32) and the
/// IP family fields the service REST storage fills in on a single-stack IPv4 cluster
/// (`pkg/registry/core/service/storage/alloc.go`, initIPFamilyFields). Allocating the cluster IP
/// and node ports is the server's business, not a default.
enum ServiceDefaults {
    static func apply(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfEmpty("sessionAffinity", "None")
            if spec["sessionAffinity"] == "None" { spec["sessionAffinityConfig"] = nil }
            if spec["sessionAffinity"] == "ClientIP",
               spec[path: ["sessionAffinityConfig", "clientIP", "timeoutSeconds"]] == nil {
                spec["sessionAffinityConfig"] = ["clientIP": ["timeoutSeconds": 10800]]
            }
            spec.defaultIfEmpty("type", "ClusterIP")
            spec.updateEach("ports") { port in
                port.defaultIfEmpty("protocol", "TCP")
                let target = port["targetPort"]
                if target == nil || target == .null || target == 0 || target == "" {
                    port["targetPort"] = port["port"] ?? 0
                }
            }
            let type = spec["type"]?.stringValue ?? ""
            let externallyAccessible = type == "LoadBalancer" || type == "NodePort"
                || (type == "ClusterIP" && !(spec["externalIPs"]?.arrayValue?.isEmpty ?? true))
            if externallyAccessible { spec.defaultIfEmpty("externalTrafficPolicy", "Cluster") }
            if ["NodePort", "LoadBalancer", "ClusterIP"].contains(type) {
                spec.defaultIfNil("internalTrafficPolicy", "Cluster")
            }
            if type == "LoadBalancer" { spec.defaultIfNil("allocateLoadBalancerNodePorts", true) }
            ipFamilies(&spec)
        }
    }

    /// normalizeClusterIPs and initIPFamilyFields for a single-stack IPv4 cluster.
    private static func ipFamilies(_ spec: inout JSON) {
        guard spec["type"] != "ExternalName" else { return }
        if let clusterIP = spec["clusterIP"]?.stringValue, !clusterIP.isEmpty,
           spec["clusterIPs"]?.arrayValue?.isEmpty ?? true {
            spec["clusterIPs"] = [.string(clusterIP)]
        }
        let headless = spec["clusterIP"] == "None"
        let selectorless = spec["selector"]?.objectValue?.isEmpty ?? true
        if headless && selectorless {
            spec.defaultIfNil("ipFamilyPolicy", "RequireDualStack")
        } else {
            spec.defaultIfNil("ipFamilyPolicy", "SingleStack")
        }
        if spec["ipFamilies"]?.arrayValue?.isEmpty ?? true { spec["ipFamilies"] = ["IPv4"] }
    }
}

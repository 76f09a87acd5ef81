import Manifests

/// The other objects a fresh 1.32 cluster serves: the `kubernetes` Service in `default`, the two
/// system PriorityClasses, a Local APIService per built-in group-version (what `kubectl get
/// apiservices` lists), and API Priority and Fairness' mandatory `exempt` / `catch-all` objects.
enum SystemObjects {
    static func kubernetesService(port: Int) -> [(GroupResource, JSON)] {
        let service: JSON = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["component": "apiserver", "provider": "kubernetes"]],
            "spec": ["clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                     "ipFamilyPolicy": "SingleStack", "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": .int(Int64(port))]],
                     "sessionAffinity": "None", "type": "ClusterIP"],
        ]
        let endpoints: JSON = [
            "apiVersion": "v1", "kind": "Endpoints",
            "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["endpointslice.kubernetes.io/skip-mirror": "true"]],
            "subsets": [["addresses": [["ip": "127.0.0.1"]], "ports": [["name": "https", "port": .int(Int64(port)), "protocol": "TCP"]]]],
        ]
        let slice: JSON = [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": ["name": "kubernetes", "namespace": "default", "labels": ["kubernetes.io/service-name": "kubernetes"]],
            "addressType": "IPv4",
            "endpoints": [["addresses": ["127.0.0.1"], "conditions": ["ready": true]]],
            "ports": [["name": "https", "port": .int(Int64(port)), "protocol": "TCP"]],
        ]
        return [(GroupResource(group: "", resource: "services"), service),
                (GroupResource(group: "", resource: "endpoints"), endpoints),
                (GroupResource(group: "discovery.k8s.io", resource: "endpointslices"), slice)]
    }

    static let priorityClasses: [(GroupResource, JSON)] = [
        ("system-cluster-critical", 2_000_000_000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
        ("system-node-critical", 2_000_001_000, "Used for system critical pods that must not be moved from their current node."),
    ].map { name, value, description in
        (GroupResource(group: "scheduling.k8s.io", resource: "priorityclasses"),
         ["apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": ["name": .string(name)],
          "value": .int(Int64(value)), "description": .string(description), "preemptionPolicy": "PreemptLowerPriority"])
    }

    /// kube-aggregator's group and version priorities of the built-in group-versions (`apiVersionPriorities`).
    static let groupPriorities: [String: (group: Int64, version: Int64)] = [
        "": (18000, 1), "apiregistration.k8s.io": (18000, 15), "apps": (17800, 15), "events.k8s.io": (17750, 15),
        "authentication.k8s.io": (17700, 15), "authorization.k8s.io": (17600, 15), "autoscaling": (17500, 15),
        "batch": (17400, 15), "certificates.k8s.io": (17300, 15), "networking.k8s.io": (17200, 15), "policy": (17100, 15),
        "rbac.authorization.k8s.io": (17000, 15), "storage.k8s.io": (16800, 15), "admissionregistration.k8s.io": (16700, 15),
        "apiextensions.k8s.io": (16700, 15), "scheduling.k8s.io": (16600, 15), "coordination.k8s.io": (16500, 15),
        "node.k8s.io": (16300, 15), "discovery.k8s.io": (16200, 15), "flowcontrol.apiserver.k8s.io": (16100, 21),
    ]

    static let apiServices = GroupResource(group: "apiregistration.k8s.io", resource: "apiservices")

    /// A Local APIService (served by this server itself), always Available.
    static func apiService(group: String, version: String, automanaged: String, now: String) -> JSON {
        let priority = groupPriorities[group] ?? (1000, 15)
        let versionPriority = group == "autoscaling" && version == "v2" ? 30 : priority.version
        return ["apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService",
                "metadata": ["name": .string(group.isEmpty ? "\(version)." : "\(version).\(group)"),
                             "labels": ["kube-aggregator.kubernetes.io/automanaged": .string(automanaged)]],
                "spec": ["group": .string(group), "version": .string(version), "groupPriorityMinimum": .int(priority.group),
                         "versionPriority": .int(versionPriority)],
                "status": ["conditions": [["type": "Available", "status": "True", "lastTransitionTime": .string(now),
                                           "reason": "Local", "message": "Local APIServices are always available"]]]]
    }

    static let flowControl: [(GroupResource, JSON)] = {
        let levels = GroupResource(group: "flowcontrol.apiserver.k8s.io", resource: "prioritylevelconfigurations")
        let schemas = GroupResource(group: "flowcontrol.apiserver.k8s.io", resource: "flowschemas")
        let annotations: JSON = ["apf.kubernetes.io/autoupdate-spec": "true"]
        let everything: JSON = [["resourceRules": [["verbs": ["*"], "apiGroups": ["*"], "resources": ["*"], "clusterScope": true,
                                                    "namespaces": ["*"]]],
                                 "nonResourceRules": [["verbs": ["*"], "nonResourceURLs": ["*"]]]]]
        func subjects(_ groups: [String]) -> JSON { .array(groups.map { ["kind": "Group", "group": ["name": .string($0)]] }) }
        func schema(_ name: String, level: String, precedence: Int64, groups: [String], distinguisher: JSON?) -> JSON {
            var spec: JSONObject = ["priorityLevelConfiguration": ["name": .string(level)], "matchingPrecedence": .int(precedence)]
            if let distinguisher { spec["distinguisherMethod"] = distinguisher }
            var rule = everything.arrayValue?.first ?? .object([:])
            rule["subjects"] = subjects(groups)
            spec["rules"] = [rule]
            return ["apiVersion": "flowcontrol.apiserver.k8s.io/v1", "kind": "FlowSchema",
                    "metadata": ["name": .string(name), "annotations": annotations], "spec": .object(spec)]
        }
        return [
            (levels, ["apiVersion": "flowcontrol.apiserver.k8s.io/v1", "kind": "PriorityLevelConfiguration",
                      "metadata": ["name": "exempt", "annotations": annotations],
                      "spec": ["type": "Exempt", "exempt": ["nominalConcurrencyShares": 0, "lendablePercent": 0]]]),
            (levels, ["apiVersion": "flowcontrol.apiserver.k8s.io/v1", "kind": "PriorityLevelConfiguration",
                      "metadata": ["name": "catch-all", "annotations": annotations],
                      "spec": ["type": "Limited", "limited": ["nominalConcurrencyShares": 5, "lendablePercent": 0,
                                                              "limitResponse": ["type": "Reject"]]]]),
            (schemas, schema("exempt", level: "exempt", precedence: 1, groups: ["system:masters"], distinguisher: nil)),
            (schemas, schema("catch-all", level: "catch-all", precedence: 10000, groups: ["system:unauthenticated", "system:authenticated"],
                             distinguisher: ["type": "ByUser"])),
        ]
    }()
}

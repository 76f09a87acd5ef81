import Manifests

/// Defaults of the networking, RBAC, autoscaling, storage and apiextensions kinds, each from its
/// group's `pkg/apis/<group>/v1/defaults.go` (release-1.32; apiextensions in
/// `staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/defaults.go`).
enum ClusterDefaults {
    /// networking/v1 SetDefaults_NetworkPolicyPort (TCP) and SetDefaults_NetworkPolicy (policyTypes:
    /// Ingress, plus Egress when egress rules are given).
    static func networkPolicy(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            for direction in ["ingress", "egress"] {
                spec.updateEach(direction) { rule in rule.updateEach("ports") { $0.defaultIfEmpty("protocol", "TCP") } }
            }
            if spec["policyTypes"]?.arrayValue?.isEmpty ?? true {
                var types: [JSON] = ["Ingress"]
                if !(spec["egress"]?.arrayValue?.isEmpty ?? true) { types.append("Egress") }
                spec["policyTypes"] = .array(types)
            }
        }
    }

    /// rbac/v1 SetDefaults_RoleBinding / ClusterRoleBinding and SetDefaults_Subject: the role
    /// reference's group, and the subject groups (`""` for service accounts).
    static func roleBinding(_ object: inout JSON) {
        object.updateStruct("roleRef") { $0.defaultIfEmpty("apiGroup", "rbac.authorization.k8s.io") }
        object.updateEach("subjects") { subject in
            guard subject["apiGroup"] == nil || subject["apiGroup"] == .null || subject["apiGroup"] == "" else { return }
            switch subject["kind"]?.stringValue {
            case "ServiceAccount": subject["apiGroup"] = ""
            case "User", "Group": subject["apiGroup"] = "rbac.authorization.k8s.io"
            default: break
            }
        }
    }

    /// autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas 1, CPU at 80% when no
    /// metrics, and a given `behavior` completed with the default scale-up/scale-down rules.
    static func horizontalPodAutoscaler(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfNil("minReplicas", 1)
            if spec["metrics"]?.arrayValue?.isEmpty ?? true {
                spec["metrics"] = [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]]
            }
            spec.update("behavior") { behavior in
                behavior.defaultIfNil("scaleUp", .object(JSONObject()))
                behavior.update("scaleUp") { rules in
                    rules.defaultIfNil("stabilizationWindowSeconds", 0)
                    rules.defaultIfEmpty("selectPolicy", "Max")
                    if rules["policies"] == nil || rules["policies"] == .null {
                        rules["policies"] = [["type": "Pods", "value": 4, "periodSeconds": 15],
                                             ["type": "Percent", "value": 100, "periodSeconds": 15]]
                    }
                }
                behavior.defaultIfNil("scaleDown", .object(JSONObject()))
                behavior.update("scaleDown") { rules in
                    rules.defaultIfNil("stabilizationWindowSeconds", 300)
                    rules.defaultIfEmpty("selectPolicy", "Max")
                    if rules["policies"] == nil || rules["policies"] == .null {
                        rules["policies"] = [["type": "Percent", "value": 100, "periodSeconds": 15]]
                    }
                }
            }
        }
    }

    /// storage/v1 SetDefaults_StorageClass: reclaim policy Delete, binding mode Immediate.
    static func storageClass(_ object: inout JSON) {
        object.defaultIfNil("reclaimPolicy", "Delete")
        object.defaultIfNil("volumeBindingMode", "Immediate")
    }

    /// discovery/v1 SetDefaults_EndpointPort: an empty name and TCP.
    static func endpointSlice(_ object: inout JSON) {
        object.updateEach("ports") { port in
            port.defaultIfNil("name", "")
            port.defaultIfNil("protocol", "TCP")
        }
    }

    /// apiextensions/v1 SetDefaults_CustomResourceDefinition and its conversion: singular and
    /// list kind from the kind, conversion strategy None.
    static func customResourceDefinition(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.updateStruct("names") { names in
                if let kind = names["kind"]?.stringValue, !kind.isEmpty {
                    names.defaultIfEmpty("singular", .string(kind.lowercased()))
                    names.defaultIfEmpty("listKind", .string(kind + "List"))
                }
            }
            spec.defaultIfNil("conversion", .object(JSONObject()))
            spec.update("conversion") { $0.defaultIfEmpty("strategy", "None") }
        }
    }
}

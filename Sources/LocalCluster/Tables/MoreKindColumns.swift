import Manifests

/// Columns of the less common built-in kinds, after printers.go.
enum MoreKindColumns {
    static func columns(group: String, kind: String) -> [TableColumn]? {
        switch (group, kind) {
        case ("", "PersistentVolume"):
            return [.name, .text("Capacity") { $0[path: ["spec", "capacity", "storage"]]?.stringValue ?? "" },
                    .text("Access Modes") { modes($0[path: ["spec", "accessModes"]]) },
                    .text("Reclaim Policy") { $0[path: ["spec", "persistentVolumeReclaimPolicy"]]?.stringValue ?? "" },
                    .text("Status") { $0[path: ["status", "phase"]]?.stringValue ?? "" },
                    .text("Claim") { volume in
                        guard let name = volume[path: ["spec", "claimRef", "name"]]?.stringValue else { return "" }
                        return "\(volume[path: ["spec", "claimRef", "namespace"]]?.stringValue ?? "")/\(name)"
                    },
                    .text("StorageClass") { $0[path: ["spec", "storageClassName"]]?.stringValue ?? "" },
                    .text("VolumeAttributesClass") { $0[path: ["spec", "volumeAttributesClassName"]]?.stringValue ?? "<unset>" },
                    .text("Reason") { $0[path: ["status", "reason"]]?.stringValue ?? "" }, .age]
        case ("storage.k8s.io", "StorageClass"):
            return [.name, .text("Provisioner") { $0["provisioner"]?.stringValue ?? "" },
                    .text("ReclaimPolicy") { $0["reclaimPolicy"]?.stringValue ?? "Delete" },
                    .text("VolumeBindingMode") { $0["volumeBindingMode"]?.stringValue ?? "Immediate" },
                    .text("AllowVolumeExpansion") { String($0["allowVolumeExpansion"]?.boolValue ?? false) }, .age]
        case ("networking.k8s.io", "IngressClass"):
            return [.name, .text("Controller") { $0[path: ["spec", "controller"]]?.stringValue ?? "" },
                    .text("Parameters") { $0[path: ["spec", "parameters"]] == nil ? "<none>" : "set" }, .age]
        case ("networking.k8s.io", "NetworkPolicy"):
            return [.name, .text("Pod-Selector") { policy in
                let text = KindColumns.selectorText(policy[path: ["spec", "podSelector"]])
                return text == "<none>" ? "<none>" : text
            }, .age]
        case ("autoscaling", "HorizontalPodAutoscaler"):
            return [.name,
                    .text("Reference") { "\($0[path: ["spec", "scaleTargetRef", "kind"]]?.stringValue ?? "")/\($0[path: ["spec", "scaleTargetRef", "name"]]?.stringValue ?? "")" },
                    .text("Targets", AutoscalerTargets.text),
                    .text("MinPods") { String($0[path: ["spec", "minReplicas"]]?.intValue ?? 1) },
                    .text("MaxPods") { String($0[path: ["spec", "maxReplicas"]]?.intValue ?? 0) },
                    .text("Replicas") { String($0[path: ["status", "currentReplicas"]]?.intValue ?? 0) }, .age]
        case ("policy", "PodDisruptionBudget"):
            return [.name, .text("Min Available") { $0[path: ["spec", "minAvailable"]].map(text) ?? "N/A" },
                    .text("Max Unavailable") { $0[path: ["spec", "maxUnavailable"]].map(text) ?? "N/A" },
                    .text("Allowed Disruptions") { String($0[path: ["status", "disruptionsAllowed"]]?.intValue ?? 0) }, .age]
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            return [.name, .text("Role") { "\($0[path: ["roleRef", "kind"]]?.stringValue ?? "")/\($0[path: ["roleRef", "name"]]?.stringValue ?? "")" }, .age]
        case ("coordination.k8s.io", "Lease"):
            return [.name, .text("Holder") { $0[path: ["spec", "holderIdentity"]]?.stringValue ?? "" }, .age]
        case ("discovery.k8s.io", "EndpointSlice"):
            return [.name, .text("AddressType") { $0["addressType"]?.stringValue ?? "" },
                    .text("Ports") { slice in
                        let ports = (slice["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }.map(String.init)
                        return ports.isEmpty ? "<unset>" : ports.joined(separator: ",")
                    },
                    .text("Endpoints") { slice in
                        let addresses = (slice["endpoints"]?.arrayValue ?? []).flatMap { ($0["addresses"]?.arrayValue ?? []).compactMap(\.stringValue) }
                        if addresses.isEmpty { return "<unset>" }
                        return addresses.count > 3 ? addresses.prefix(3).joined(separator: ",") + " + \(addresses.count - 3) more..." : addresses.joined(separator: ",")
                    }, .age]
        default:
            return nil
        }
    }

    private static func text(_ value: JSON) -> String {
        if let number = value.intValue { return String(number) }
        return value.stringValue ?? ""
    }

    private static func modes(_ value: JSON?) -> String {
        let short = ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"]
        return (value?.arrayValue ?? []).compactMap { $0.stringValue.map { short[$0] ?? $0 } }.joined(separator: ",")
    }
}

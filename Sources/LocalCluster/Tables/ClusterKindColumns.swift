import Manifests

/// Columns of the cluster-level and API-machinery kinds (nodes, priority, storage drivers,
/// admission and aggregation, flow control, certificates), after printers.go and kube-aggregator's
/// printer.
enum ClusterKindColumns {
    static func columns(group: String, kind: String) -> [TableColumn]? {
        switch (group, kind) {
        case ("", "Node"): return node
        case ("", "ComponentStatus"):
            return [.name, .text("Status") { condition($0["conditions"], "Healthy") == "True" ? "Healthy" : "Unhealthy" },
                    .text("Message") { ($0["conditions"]?.arrayValue?.first?["message"]?.stringValue) ?? "" },
                    .text("Error") { ($0["conditions"]?.arrayValue?.first?["error"]?.stringValue) ?? "" }]
        case ("", "PodTemplate"):
            return [.name, .text("Containers") { KindColumns.containerNames($0["template"]) },
                    .text("Images") { KindColumns.containerImages($0["template"]) },
                    .text("Pod Labels") { KindColumns.selectorMap($0[path: ["template", "metadata", "labels"]]) }]
        case ("", "ReplicationController"):
            return [.name, .int("Desired", ["spec", "replicas"]), .int("Current", ["status", "replicas"]),
                    .int("Ready", ["status", "readyReplicas"]), .age,
                    .text("Containers", priority: 1) { KindColumns.containerNames($0[path: ["spec", "template"]]) },
                    .text("Images", priority: 1) { KindColumns.containerImages($0[path: ["spec", "template"]]) },
                    .text("Selector", priority: 1) { KindColumns.selectorMap($0[path: ["spec", "selector"]]) }]
        case ("", "ResourceQuota"):
            return [.name, .age,
                    .text("Request") { quota($0, limits: false) }, .text("Limit") { quota($0, limits: true) }]
        case ("apps", "ControllerRevision"):
            return [.name, .text("Controller") { revision in
                guard let owner = ControllerClient.controller(of: revision) else { return "<none>" }
                let group = ((revision[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).first?["apiVersion"]?.stringValue ?? "")
                    .split(separator: "/").dropLast().first.map { ".\($0)" } ?? ""
                return "\(owner.kind.lowercased())\(group)/\(owner.name)"
            }, .int("Revision", ["revision"]), .age]
        case ("scheduling.k8s.io", "PriorityClass"):
            return [.name, .int("Value", ["value"]), .text("Global-Default") { String($0["globalDefault"]?.boolValue ?? false) }, .age,
                    .text("PreemptionPolicy") { $0["preemptionPolicy"]?.stringValue ?? "" }]
        case ("node.k8s.io", "RuntimeClass"):
            return [.name, .text("Handler") { $0["handler"]?.stringValue ?? "" }, .age]
        case ("storage.k8s.io", "CSIDriver"):
            return [.name, .text("AttachRequired") { String($0[path: ["spec", "attachRequired"]]?.boolValue ?? true) },
                    .text("PodInfoOnMount") { String($0[path: ["spec", "podInfoOnMount"]]?.boolValue ?? false) },
                    .text("StorageCapacity") { String($0[path: ["spec", "storageCapacity"]]?.boolValue ?? false) },
                    .text("TokenRequests") { tokens in
                        let audiences = (tokens[path: ["spec", "tokenRequests"]]?.arrayValue ?? []).compactMap { $0["audience"]?.stringValue }
                        return audiences.isEmpty ? "<unset>" : audiences.joined(separator: ",")
                    },
                    .text("RequiresRepublish") { String($0[path: ["spec", "requiresRepublish"]]?.boolValue ?? false) },
                    .text("Modes") { ($0[path: ["spec", "volumeLifecycleModes"]]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",") },
                    .age]
        case ("storage.k8s.io", "CSINode"):
            return [.name, .text("Drivers") { String($0[path: ["spec", "drivers"]]?.arrayValue?.count ?? 0) }, .age]
        case ("storage.k8s.io", "CSIStorageCapacity"):
            return [.name, .text("StorageClassName") { $0["storageClassName"]?.stringValue ?? "" },
                    .text("Capacity") { $0["capacity"]?.stringValue ?? "" }]
        case ("storage.k8s.io", "VolumeAttachment"):
            return [.name, .text("Attacher") { $0[path: ["spec", "attacher"]]?.stringValue ?? "" },
                    .text("PV") { $0[path: ["spec", "source", "persistentVolumeName"]]?.stringValue ?? "" },
                    .text("Node") { $0[path: ["spec", "nodeName"]]?.stringValue ?? "" },
                    .text("Attached") { String($0[path: ["status", "attached"]]?.boolValue ?? false) }, .age]
        case ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
             ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"):
            return [.name, .count("Webhooks", ["webhooks"]), .age]
        case ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"):
            return [.name, .count("Validations", ["spec", "validations"]),
                    .text("ParamKind") { policy in
                        guard let kind = policy[path: ["spec", "paramKind"]] else { return "<unset>" }
                        return "\(kind["apiVersion"]?.stringValue ?? "")/\(kind["kind"]?.stringValue ?? "")"
                    }, .age]
        case ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"):
            return [.name, .text("PolicyName") { $0[path: ["spec", "policyName"]]?.stringValue ?? "" },
                    .text("ParamRef") { $0[path: ["spec", "paramRef"]] == nil ? "<unset>" : "set" }, .age]
        case ("apiregistration.k8s.io", "APIService"):
            return [.name, .text("Service") { service in
                guard let name = service[path: ["spec", "service", "name"]]?.stringValue else { return "Local" }
                return "\(service[path: ["spec", "service", "namespace"]]?.stringValue ?? "")/\(name)"
            }, .text("Available") { service in
                guard let available = (service[path: ["status", "conditions"]]?.arrayValue ?? []).first(where: { $0["type"] == "Available" }) else {
                    return "Unknown"
                }
                let status = available["status"]?.stringValue ?? "Unknown"
                return status == "True" ? status : "\(status) (\(available["reason"]?.stringValue ?? ""))"
            }, .age]
        case ("flowcontrol.apiserver.k8s.io", "FlowSchema"):
            return [.name, .text("PriorityLevel") { $0[path: ["spec", "priorityLevelConfiguration", "name"]]?.stringValue ?? "" },
                    .int("MatchingPrecedence", ["spec", "matchingPrecedence"]),
                    .text("DistinguisherMethod") { $0[path: ["spec", "distinguisherMethod", "type"]]?.stringValue ?? "<none>" }, .age,
                    .text("MissingPL") { condition($0[path: ["status", "conditions"]], "Dangling") ?? "?" }]
        case ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"):
            return [.name, .text("Type") { $0[path: ["spec", "type"]]?.stringValue ?? "" },
                    .text("NominalConcurrencyShares") { level in
                        level[path: ["spec", "limited", "nominalConcurrencyShares"]].map { String($0.intValue ?? 0) } ?? "<none>"
                    },
                    .text("Queues") { queuing($0, "queues") }, .text("HandSize") { queuing($0, "handSize") },
                    .text("QueueLengthLimit") { queuing($0, "queueLengthLimit") }, .age]
        case ("certificates.k8s.io", "CertificateSigningRequest"):
            return [.name, .age, .text("SignerName") { $0[path: ["spec", "signerName"]]?.stringValue ?? "" },
                    .text("Requestor") { $0[path: ["spec", "username"]]?.stringValue ?? "" },
                    .text("RequestedDuration") { request in
                        request[path: ["spec", "expirationSeconds"]]?.intValue.map { HumanDuration.format(Double($0)) } ?? "<none>"
                    },
                    .text("Condition") { request in
                        let types = (request[path: ["status", "conditions"]]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
                        let issued = request[path: ["status", "certificate"]] != nil ? ["Issued"] : []
                        return types.isEmpty && issued.isEmpty ? "Pending" : (types + issued).joined(separator: ",")
                    }]
        default:
            return nil
        }
    }

    private static let node: [TableColumn] = [
        .name,
        .text("Status") { node in
            var status = condition(node[path: ["status", "conditions"]], "Ready") == "True" ? "Ready" : "NotReady"
            if node[path: ["spec", "unschedulable"]]?.boolValue == true { status += ",SchedulingDisabled" }
            return status
        },
        .text("Roles") { node in
            let roles = StoredObject.labels(of: node).keys.compactMap { key -> String? in
                if key.hasPrefix("node-role.kubernetes.io/") { return String(key.dropFirst("node-role.kubernetes.io/".count)) }
                return nil
            }.filter { !$0.isEmpty }.sorted()
            return roles.isEmpty ? "<none>" : roles.joined(separator: ",")
        },
        .age,
        .text("Version") { $0[path: ["status", "nodeInfo", "kubeletVersion"]]?.stringValue ?? "" },
        .text("Internal-IP", priority: 1) { address($0, "InternalIP") },
        .text("External-IP", priority: 1) { address($0, "ExternalIP") },
        .text("OS-Image", priority: 1) { $0[path: ["status", "nodeInfo", "osImage"]]?.stringValue ?? "" },
        .text("Kernel-Version", priority: 1) { $0[path: ["status", "nodeInfo", "kernelVersion"]]?.stringValue ?? "" },
        .text("Container-Runtime", priority: 1) { $0[path: ["status", "nodeInfo", "containerRuntimeVersion"]]?.stringValue ?? "" },
    ]

    private static func address(_ node: JSON, _ type: String) -> String {
        (node[path: ["status", "addresses"]]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }?["address"]?.stringValue ?? "<none>"
    }

    static func condition(_ conditions: JSON?, _ type: String) -> String? {
        (conditions?.arrayValue ?? []).first { $0["type"]?.stringValue == type }?["status"]?.stringValue
    }

    private static func queuing(_ level: JSON, _ key: String) -> String {
        level[path: ["spec", "limited", "limitResponse", "queuing", key]].map { String($0.intValue ?? 0) } ?? "<none>"
    }

    /// `pods: 1/10, requests.cpu: 0/2`: used against hard, for requests (or limits) only.
    private static func quota(_ quota: JSON, limits: Bool) -> String {
        let hard = quota[path: ["status", "hard"]]?.objectValue ?? quota[path: ["spec", "hard"]]?.objectValue ?? [:]
        let used = quota[path: ["status", "used"]]?.objectValue ?? [:]
        return hard.keys.sorted().filter { $0.hasPrefix("limits.") == limits }.map { key in
            "\(key): \(used[key]?.stringValue ?? "0")/\(hard[key]?.stringValue ?? "")"
        }.joined(separator: ", ")
    }
}

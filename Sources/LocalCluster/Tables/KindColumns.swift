import Manifests

/// The columns a real 1.32 API server prints for each kind, after
/// kubernetes/pkg/printers/internalversion/printers.go; custom resources use their CRD's
/// `additionalPrinterColumns`; other kinds get Name and Created At, as the default table does.
enum KindColumns {
    static func columns(for resource: ClusterResource) -> [TableColumn] {
        if resource.isCustom { return CustomResourceColumns.columns(resource.printerColumns) }
        if let columns = MoreKindColumns.columns(group: resource.group, kind: resource.kind)
            ?? ClusterKindColumns.columns(group: resource.group, kind: resource.kind) { return columns }
        switch (resource.group, resource.kind) {
        case ("apps", "Deployment"): return deployment
        case ("apps", "ReplicaSet"): return replicaSet
        case ("apps", "StatefulSet"): return statefulSet
        case ("apps", "DaemonSet"): return daemonSet
        case ("", "Pod"): return PodColumns.columns
        case ("", "Service"): return ServiceColumns.columns
        case ("", "ConfigMap"):
            return [.name, .text("Data") { String(($0["data"]?.objectValue?.count ?? 0) + ($0["binaryData"]?.objectValue?.count ?? 0)) }, .age]
        case ("", "Secret"):
            return [.name, .text("Type") { $0["type"]?.stringValue ?? "Opaque" },
                    .text("Data") { String($0["data"]?.objectValue?.count ?? 0) }, .age]
        case ("", "Namespace"): return [.name, .text("Status") { $0[path: ["status", "phase"]]?.stringValue ?? "" }, .age]
        case ("", "ServiceAccount"): return [.name, .text("Secrets") { String($0["secrets"]?.arrayValue?.count ?? 0) }, .age]
        case ("", "PersistentVolumeClaim"): return persistentVolumeClaim
        case ("", "Event"), ("events.k8s.io", "Event"): return event
        case ("", "Endpoints"): return [.name, .text("Endpoints", endpointsText), .age]
        case ("batch", "Job"): return job
        case ("batch", "CronJob"): return cronJob
        case ("networking.k8s.io", "Ingress"): return ingress
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return [.name, .createdAt]
        default: return [.name, .createdAt]
        }
    }

    private static func int(_ object: JSON, _ path: String...) -> Int64 { object[path: path]?.intValue ?? 0 }

    private static let deployment: [TableColumn] = [
        .name,
        .text("Ready") { "\(int($0, "status", "readyReplicas"))/\($0[path: ["spec", "replicas"]]?.intValue ?? 1)" },
        .int("Up-to-date", ["status", "updatedReplicas"]),
        .int("Available", ["status", "availableReplicas"]),
        .age,
        .text("Containers", priority: 1) { containerNames($0[path: ["spec", "template"]]) },
        .text("Images", priority: 1) { containerImages($0[path: ["spec", "template"]]) },
        .text("Selector", priority: 1) { selectorText($0[path: ["spec", "selector"]]) },
    ]

    private static let replicaSet: [TableColumn] = [
        .name, .int("Desired", ["spec", "replicas"]), .int("Current", ["status", "replicas"]),
        .int("Ready", ["status", "readyReplicas"]), .age,
        .text("Containers", priority: 1) { containerNames($0[path: ["spec", "template"]]) },
        .text("Images", priority: 1) { containerImages($0[path: ["spec", "template"]]) },
        .text("Selector", priority: 1) { selectorText($0[path: ["spec", "selector"]]) },
    ]

    private static let statefulSet: [TableColumn] = [
        .name, .text("Ready") { "\(int($0, "status", "readyReplicas"))/\($0[path: ["spec", "replicas"]]?.intValue ?? 1)" }, .age,
        .text("Containers", priority: 1) { containerNames($0[path: ["spec", "template"]]) },
        .text("Images", priority: 1) { containerImages($0[path: ["spec", "template"]]) },
    ]

    private static let daemonSet: [TableColumn] = [
        .name, .int("Desired", ["status", "desiredNumberScheduled"]), .int("Current", ["status", "currentNumberScheduled"]),
        .int("Ready", ["status", "numberReady"]), .int("Up-to-date", ["status", "updatedNumberScheduled"]),
        .int("Available", ["status", "numberAvailable"]),
        .text("Node Selector") { selectorMap($0[path: ["spec", "template", "spec", "nodeSelector"]]) }, .age,
    ]

    private static let persistentVolumeClaim: [TableColumn] = [
        .name, .text("Status") { $0[path: ["status", "phase"]]?.stringValue ?? "" },
        .text("Volume") { $0[path: ["spec", "volumeName"]]?.stringValue ?? "" },
        .text("Capacity") { $0[path: ["status", "capacity", "storage"]]?.stringValue ?? "" },
        .text("Access Modes") { accessModes($0[path: ["status", "accessModes"]]) },
        .text("StorageClass") { $0[path: ["spec", "storageClassName"]]?.stringValue ?? "" },
        .text("VolumeAttributesClass") { $0[path: ["spec", "volumeAttributesClassName"]]?.stringValue ?? "<unset>" },
        .age,
    ]

    private static let event: [TableColumn] = [
        .text("Last Seen") { HumanDuration.since($0["lastTimestamp"]?.stringValue ?? $0[path: ["metadata", "creationTimestamp"]]?.stringValue) },
        .text("Type") { $0["type"]?.stringValue ?? "" },
        .text("Reason") { $0["reason"]?.stringValue ?? "" },
        .text("Object") { event in
            "\((event[path: ["involvedObject", "kind"]]?.stringValue ?? "").lowercased())/\(event[path: ["involvedObject", "name"]]?.stringValue ?? "")"
        },
        .text("Message") { $0["message"]?.stringValue ?? "" },
    ]

    private static let job: [TableColumn] = [
        .name,
        .text("Status") { object in
            let conditions = object[path: ["status", "conditions"]]?.arrayValue ?? []
            func has(_ type: String) -> Bool { conditions.contains { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" } }
            if has("Complete") { return "Complete" }
            if has("Failed") { return "Failed" }
            if object[path: ["metadata", "deletionTimestamp"]] != nil { return "Terminating" }
            if has("SuccessCriteriaMet") { return "SuccessCriteriaMet" }
            if has("FailureTarget") { return "FailureTarget" }
            if object[path: ["spec", "suspend"]]?.boolValue == true { return "Suspended" }
            return "Running"
        },
        .text("Completions") { "\(int($0, "status", "succeeded"))/\($0[path: ["spec", "completions"]]?.intValue ?? 1)" },
        .text("Duration") { object in
            guard let start = object[path: ["status", "startTime"]]?.stringValue.flatMap(Timestamps.parse) else { return "" }
            let end = object[path: ["status", "completionTime"]]?.stringValue.flatMap(Timestamps.parse)
            return HumanDuration.format((end ?? .now).timeIntervalSince(start))
        },
        .age,
    ]

    private static let cronJob: [TableColumn] = [
        .name, .text("Schedule") { $0[path: ["spec", "schedule"]]?.stringValue ?? "" },
        .text("Timezone") { $0[path: ["spec", "timeZone"]]?.stringValue ?? "<none>" },
        .text("Suspend") { String($0[path: ["spec", "suspend"]]?.boolValue ?? false).capitalized },
        .text("Active") { String($0[path: ["status", "active"]]?.arrayValue?.count ?? 0) },
        .text("Last Schedule") { object in
            object[path: ["status", "lastScheduleTime"]]?.stringValue.map { HumanDuration.since($0) } ?? "<none>"
        },
        .age,
    ]

    private static let ingress: [TableColumn] = [
        .name, .text("Class") { $0[path: ["spec", "ingressClassName"]]?.stringValue ?? "<none>" },
        .text("Hosts") { object in
            let hosts = (object[path: ["spec", "rules"]]?.arrayValue ?? []).compactMap { $0["host"]?.stringValue }
            return hosts.isEmpty ? "*" : hosts.joined(separator: ",")
        },
        .text("Address") { object in
            (object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? [])
                .compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }.joined(separator: ",")
        },
        .text("Ports") { ($0[path: ["spec", "tls"]]?.arrayValue?.isEmpty == false) ? "80, 443" : "80" },
        .age,
    ]

    /// `10.244.0.5:8000,10.244.0.6:8000 + 1 more...`, as printEndpoints shortens the list.
    static func endpointsText(_ endpoints: JSON) -> String {
        var all: [String] = []
        for subset in endpoints["subsets"]?.arrayValue ?? [] {
            let ports = (subset["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }
            for address in subset["addresses"]?.arrayValue ?? [] {
                let ip = address["ip"]?.stringValue ?? ""
                all += ports.isEmpty ? [ip] : ports.map { "\(ip):\($0)" }
            }
        }
        if all.isEmpty { return "<none>" }
        return all.count > 3 ? all.prefix(3).joined(separator: ",") + " + \(all.count - 3) more..." : all.joined(separator: ",")
    }

    static func containerNames(_ template: JSON?) -> String {
        (template?[path: ["spec", "containers"]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }.joined(separator: ",")
    }

    static func containerImages(_ template: JSON?) -> String {
        (template?[path: ["spec", "containers"]]?.arrayValue ?? []).compactMap { $0["image"]?.stringValue }.joined(separator: ",")
    }

    static func selectorText(_ selector: JSON?) -> String {
        let labels = selector?["matchLabels"]?.objectValue ?? [:]
        let text = labels.map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
        return text.isEmpty ? "<none>" : text
    }

    static func selectorMap(_ map: JSON?) -> String {
        let text = (map?.objectValue ?? [:]).map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
        return text.isEmpty ? "<none>" : text
    }

    private static func accessModes(_ modes: JSON?) -> String {
        let short = ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"]
        return (modes?.arrayValue ?? []).compactMap { $0.stringValue.map { short[$0] ?? $0 } }.joined(separator: ",")
    }
}

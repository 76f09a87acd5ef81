import Manifests

/// The TARGETS column of `kubectl get hpa` (printers.go `formatHPAMetrics`): each metric as
/// `current/target`, `<unknown>` until the controller has read it, at most two then `+ N more...`.
enum AutoscalerTargets {
    static func text(_ autoscaler: JSON) -> String {
        let specs = autoscaler[path: ["spec", "metrics"]]?.arrayValue ?? []
        if specs.isEmpty { return "<none>" }
        let statuses = autoscaler[path: ["status", "currentMetrics"]]?.arrayValue ?? []
        var parts: [String] = []
        for (index, metric) in specs.enumerated() {
            let type = metric["type"]?.stringValue ?? ""
            let field = String(type.prefix(1).lowercased()) + type.dropFirst()
            let target = metric[path: [field, "target"]] ?? .object([:])
            let current = index < statuses.count ? statuses[index][path: [field, "current"]] : nil
            let name = metric[path: [field, "name"]]?.stringValue ?? metric[path: [field, "metric", "name"]]?.stringValue ?? type
            let prefix = type == "Resource" || type == "ContainerResource" ? name + ": " : ""
            if let utilization = target["averageUtilization"]?.intValue {
                let reading = current?["averageUtilization"]?.intValue.map { "\($0)%" } ?? "<unknown>"
                parts.append("\(prefix)\(reading)/\(utilization)%")
            } else {
                let goal = target["averageValue"] ?? target["value"]
                let reading = (current?["averageValue"] ?? current?["value"])?.stringValue ?? "<unknown>"
                parts.append("\(prefix)\(reading)/\(goal?.stringValue ?? "")")
            }
        }
        if parts.count > 2 { return parts.prefix(2).joined(separator: ", ") + " + \(parts.count - 2) more..." }
        return parts.joined(separator: ", ")
    }
}

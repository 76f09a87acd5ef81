import Manifests

/// The rules of the admission-registration and scheduling kinds that published install
/// manifests meet (`pkg/apis/admissionregistration/validation`, `pkg/apis/scheduling/validation`,
/// release-1.32): webhook names, side effects and review versions; user priority limits.
enum ExtensionValidation {
    static func webhookConfiguration(_ object: JSON) -> [FieldCause] {
        var causes: [FieldCause] = []
        var seen: Set<String> = []
        for (index, webhook) in (object["webhooks"]?.arrayValue ?? []).enumerated() {
            let path = FieldErrorPath("webhooks").index(index)
            let name = webhook["name"]?.stringValue ?? ""
            if name.isEmpty {
                causes.append(.required(path.child("name")))
            } else if name.split(separator: ".", omittingEmptySubsequences: false).count < 3 {
                causes.append(.invalid(path.child("name"), .string(name), "should be a domain with at least three segments separated by dots"))
            } else if !seen.insert(name).inserted {
                causes.append(.duplicate(path.child("name"), .string(name)))
            }
            switch webhook["sideEffects"]?.stringValue {
            case nil: causes.append(.required(path.child("sideEffects"), "must specify one of None, NoneOnDryRun"))
            case "None"?, "NoneOnDryRun"?: break
            case let other?: causes.append(.notSupported(path.child("sideEffects"), .string(other), supported: ["None", "NoneOnDryRun"]))
            }
            let versions = webhook["admissionReviewVersions"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if versions.isEmpty {
                causes.append(.required(path.child("admissionReviewVersions"), "must specify one of v1, v1beta1"))
            } else if !versions.contains("v1") && !versions.contains("v1beta1") {
                causes.append(.invalid(path.child("admissionReviewVersions"), .json(.array(versions.map(JSON.string))),
                                       "must include at least one of v1, v1beta1"))
            }
            let config = webhook["clientConfig"]
            if (config?["url"] == nil) == (config?["service"] == nil) {
                causes.append(.required(path.child("clientConfig"), "exactly one of url or service is required"))
            }
        }
        return causes
    }

    /// A user-defined PriorityClass stays at or below 1,000,000,000; the `system-` prefix is reserved.
    static func priorityClass(_ object: JSON) -> [FieldCause] {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let value = object["value"]?.intValue ?? 0
        if name.hasPrefix("system-") && !["system-cluster-critical", "system-node-critical"].contains(name) {
            return [.forbidden(FieldErrorPath("metadata", "name"), "priority class names with 'system-' prefix are reserved for system use only")]
        }
        if value > 1_000_000_000 && !name.hasPrefix("system-") {
            return [.forbidden(FieldErrorPath("value"), "maximum allowed value of a user defined priority is 1000000000")]
        }
        return []
    }
}

import Manifests

/// Spec validation of the workload kinds (`pkg/apis/apps/validation/validation.go`,
/// `pkg/apis/batch/validation/validation.go`, release-1.32).
enum WorkloadValidation {
    static let nonNegative = "must be greater than or equal to 0"

    /// ValidateDeploymentSpec and ValidateReplicaSetSpec (both say "for deployment").
    static func deployment(_ spec: JSON?) -> [FieldCause] {
        let path = FieldErrorPath("spec")
        var causes = nonNegativeFields(spec, ["replicas"], path: path)
        causes += selectorAndTemplate(spec, path: path, emptyMessage: "empty selector is invalid for deployment", requireSelector: true)
        causes += nonNegativeFields(spec, ["minReadySeconds", "revisionHistoryLimit", "progressDeadlineSeconds"], path: path)
        if let deadline = spec?["progressDeadlineSeconds"]?.intValue, deadline <= (spec?["minReadySeconds"]?.intValue ?? 0) {
            causes.append(.invalid(path.child("progressDeadlineSeconds"), .int(deadline), "must be greater than minReadySeconds"))
        }
        causes += deploymentStrategy(spec?["strategy"], path: path.child("strategy"))
        return causes
    }

    /// ValidateDeploymentStrategy and ValidateRollingUpdateDeployment. Values of type
    /// `intstr.IntOrString` print as Go's `%#v` of the struct (`intstr.IntOrString{Type:1, IntVal:0, StrVal:"0%"}`).
    private static func deploymentStrategy(_ strategy: JSON?, path: FieldErrorPath) -> [FieldCause] {
        let type = strategy?["type"]?.stringValue ?? ""
        switch type {
        case "Recreate":
            guard strategy?["rollingUpdate"] != nil, strategy?["rollingUpdate"] != .null else { return [] }
            return [.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")]
        case "RollingUpdate":
            guard let rolling = strategy?["rollingUpdate"], rolling.objectValue != nil else {
                return [.required(path.child("rollingUpdate"), "this should be defaulted and never be nil")]
            }
            let rollingPath = path.child("rollingUpdate")
            var causes = positiveIntOrPercent(rolling["maxUnavailable"], path: rollingPath.child("maxUnavailable"))
            causes += positiveIntOrPercent(rolling["maxSurge"], path: rollingPath.child("maxSurge"))
            if intOrPercentValue(rolling["maxUnavailable"]) == 0, intOrPercentValue(rolling["maxSurge"]) == 0 {
                causes.append(.invalid(rollingPath.child("maxUnavailable"), intOrString(rolling["maxUnavailable"]), "may not be 0 when `maxSurge` is 0"))
            }
            if case .string = rolling["maxUnavailable"], let percent = intOrPercentValue(rolling["maxUnavailable"]), percent > 100 {
                causes.append(.invalid(rollingPath.child("maxUnavailable"), intOrString(rolling["maxUnavailable"]), "must not be greater than 100%"))
            }
            return causes
        default:
            let value = GoValue(formatted: "apps.DeploymentStrategy{Type:\(GoValue.quote(type)), RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}")
            return [.notSupported(path, value, supported: ["Recreate", "RollingUpdate"])]
        }
    }

    /// ValidatePositiveIntOrPercent: a percentage string (`25%`) or a non-negative integer.
    private static func positiveIntOrPercent(_ value: JSON?, path: FieldErrorPath) -> [FieldCause] {
        switch value {
        case .string(let text)?:
            let digits = text.dropLast()
            guard text.hasSuffix("%"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return [.invalid(path, intOrString(value), NameRules.regexError("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%"))]
            }
            return []
        case .int(let number)? where number < 0:
            return [.invalid(path, .int(number), nonNegative)]
        default:
            return []
        }
    }

    /// getIntOrPercentValue: `25%` → 25, `3` → 3.
    private static func intOrPercentValue(_ value: JSON?) -> Int64? {
        switch value {
        case .int(let number)?: return number
        case .string(let text)?: return Int64(text.hasSuffix("%") ? String(text.dropLast()) : text)
        case nil, .null?: return 0
        default: return nil
        }
    }

    /// `%#v` of an `intstr.IntOrString`: Type 0 for an integer, 1 for a string.
    private static func intOrString(_ value: JSON?) -> GoValue {
        switch value {
        case .string(let text)?: return GoValue(formatted: "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(GoValue.quote(text))}")
        case .int(let number)?: return GoValue(formatted: "intstr.IntOrString{Type:0, IntVal:\(number), StrVal:\"\"}")
        default: return GoValue(formatted: "intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}")
        }
    }

    /// ValidateStatefulSetSpec.
    static func statefulSet(_ spec: JSON?) -> [FieldCause] {
        let path = FieldErrorPath("spec")
        var causes: [FieldCause] = []
        if let policy = spec?["podManagementPolicy"]?.stringValue, !["OrderedReady", "Parallel"].contains(policy) {
            causes.append(.invalid(path.child("podManagementPolicy"), .string(policy), "must be 'OrderedReady' or 'Parallel'"))
        }
        causes += nonNegativeFields(spec, ["replicas", "minReadySeconds"], path: path)
        causes += selectorAndTemplate(spec, path: path, emptyMessage: "empty selector is invalid for statefulset", requireSelector: true)
        return causes
    }

    /// ValidateDaemonSetSpec.
    static func daemonSet(_ spec: JSON?) -> [FieldCause] {
        let path = FieldErrorPath("spec")
        var causes = selectorAndTemplate(spec, path: path, emptyMessage: "empty selector is invalid for daemonset", requireSelector: true)
        causes += nonNegativeFields(spec, ["minReadySeconds", "revisionHistoryLimit"], path: path)
        return causes
    }

    /// The selector is required and not empty, the template's labels match it, the template is a
    /// valid pod template, and its restart policy is Always (`ValidatePodTemplateSpecForReplicaSet`).
    private static func selectorAndTemplate(_ spec: JSON?, path: FieldErrorPath, emptyMessage: String, requireSelector: Bool) -> [FieldCause] {
        var causes: [FieldCause] = []
        let selectorPath = path.child("selector")
        let selectorJSON = spec?["selector"]
        let selector = selectorJSON.flatMap { $0.objectValue != nil ? LabelSelector($0) : nil }
        if let selector {
            causes += MetadataValidation.labels(selector.matchLabels, path: selectorPath.child("matchLabels"))
            if selector.isEmpty { causes.append(.invalid(selectorPath, selector.goValue, emptyMessage)) }
        } else if requireSelector {
            causes.append(.required(selectorPath))
        }
        let template = spec?["template"]
        let templatePath = path.child("template")
        if let selector, !selector.isConvertible {
            causes.append(.invalid(selectorPath, selector.goValue, "invalid label selector"))
        } else if selector == nil || !selector!.isEmpty {
            // A missing selector selects nothing (`labels.Nothing()`), so the labels never match.
            let labels = template?[path: ["metadata", "labels"]]?.objectValue
            if !(selector?.matches(labels ?? JSONObject()) ?? false) {
                causes.append(.invalid(templatePath.child("metadata", "labels"), .stringMap(labels),
                                       "`selector` does not match template `labels`"))
            }
        }
        causes += PodSpecValidation.template(template, path: templatePath)
        if let policy = template?[path: ["spec", "restartPolicy"]]?.stringValue, policy != "Always" {
            causes.append(.notSupported(templatePath.child("spec", "restartPolicy"), .string(policy), supported: ["Always"]))
        }
        if template?[path: ["spec", "activeDeadlineSeconds"]] != nil {
            causes.append(.forbidden(templatePath.child("spec", "activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"))
        }
        return causes
    }

    /// validateJobSpec: counts non-negative, the pod template, restart policy OnFailure or Never.
    static func job(_ spec: JSON?, path: FieldErrorPath = FieldErrorPath("spec"), generatedSelector: Bool) -> [FieldCause] {
        var causes = nonNegativeFields(spec, ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"], path: path)
        if generatedSelector, spec?["selector"] == nil { causes.append(.required(path.child("selector"))) }
        if let selector = spec?["selector"], selector.objectValue != nil {
            let parsed = LabelSelector(selector)
            let labels = spec?[path: ["template", "metadata", "labels"]]?.objectValue ?? JSONObject()
            if !parsed.isEmpty, !parsed.matches(labels) {
                causes.append(.invalid(path.child("template", "metadata", "labels"), .stringMap(spec?[path: ["template", "metadata", "labels"]]?.objectValue),
                                       "`selector` does not match template `labels`"))
            }
        }
        let templatePath = path.child("template")
        causes += PodSpecValidation.template(spec?["template"], path: templatePath)
        let policy = spec?[path: ["template", "spec", "restartPolicy"]]?.stringValue ?? ""
        if policy != "OnFailure", policy != "Never" {
            causes.append(.notSupported(templatePath.child("spec", "restartPolicy"), .string(policy), supported: ["OnFailure", "Never"]))
        }
        return causes
    }

    /// ValidateCronJobSpec: a schedule, a known concurrency policy, and a valid job template.
    static func cronJob(_ spec: JSON?) -> [FieldCause] {
        let path = FieldErrorPath("spec")
        var causes: [FieldCause] = []
        let schedule = spec?["schedule"]?.stringValue ?? ""
        if schedule.isEmpty {
            causes.append(.required(path.child("schedule")))
        } else if let error = CronSchedule.error(in: schedule) {
            causes.append(.invalid(path.child("schedule"), .string(schedule), error))
        } else if schedule.contains("TZ") {
            causes.append(.invalid(path.child("schedule"), .string(schedule), "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
        }
        let policy = spec?["concurrencyPolicy"]?.stringValue ?? ""
        switch policy {
        case "Allow", "Forbid", "Replace": break
        case "": causes.append(.required(path.child("concurrencyPolicy")))
        default: causes.append(.notSupported(path.child("concurrencyPolicy"), .string(policy), supported: ["Allow", "Forbid", "Replace"]))
        }
        causes += nonNegativeFields(spec, ["startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"], path: path)
        causes += job(spec?[path: ["jobTemplate", "spec"]], path: path.child("jobTemplate", "spec"), generatedSelector: false)
        return causes
    }

    /// `ValidateNonnegativeField` for each integer field present.
    static func nonNegativeFields(_ spec: JSON?, _ fields: [String], path: FieldErrorPath) -> [FieldCause] {
        fields.compactMap { field in
            guard let value = spec?[field]?.intValue, value < 0 else { return nil }
            return .invalid(path.child(field), .int(value), nonNegative)
        }
    }
}

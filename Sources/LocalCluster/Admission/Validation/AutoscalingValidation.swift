import Manifests

/// ValidateHorizontalPodAutoscalerSpec (`pkg/apis/autoscaling/validation/validation.go`, release-1.32):
/// replica bounds (HPAScaleToZero is off, so `minReplicas` is at least 1) and a target to scale.
enum AutoscalingValidation {
    static func horizontalPodAutoscaler(_ spec: JSON?) -> [FieldCause] {
        let path = FieldErrorPath("spec")
        var causes: [FieldCause] = []
        let minimum = spec?["minReplicas"]?.intValue
        let maximum = spec?["maxReplicas"]?.intValue ?? 0
        if let minimum, minimum < 1 {
            causes.append(.invalid(path.child("minReplicas"), .int(minimum), "must be greater than or equal to 1"))
        }
        if maximum < 1 {
            causes.append(.invalid(path.child("maxReplicas"), .int(maximum), "must be greater than 0"))
        }
        if let minimum, maximum < minimum {
            causes.append(.invalid(path.child("maxReplicas"), .int(maximum), "must be greater than or equal to `minReplicas`"))
        }
        let target = path.child("scaleTargetRef")
        if (spec?[path: ["scaleTargetRef", "kind"]]?.stringValue ?? "").isEmpty { causes.append(.required(target.child("kind"))) }
        let name = spec?[path: ["scaleTargetRef", "name"]]?.stringValue ?? ""
        if name.isEmpty {
            causes.append(.required(target.child("name")))
        } else {
            causes += NameRules.pathSegmentName(name).map { .invalid(target.child("name"), .string(name), $0) }
        }
        return causes
    }
}

import Manifests

/// The fields an update may not change, per kind, with the API server's messages
/// (`Validate<Kind>Update` in `pkg/apis/*/validation/validation.go`, release-1.32). Both objects
/// are expected defaulted, as they are on the server.
enum UpdateValidation {
    static let immutable = "field is immutable"

    static func validate(_ object: JSON, old: JSON, group: String, kind: String) -> [FieldCause] {
        switch (group, kind) {
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"):
            return immutableSelector(object, old: old)
        case ("apps", "StatefulSet"):
            return statefulSet(object, old: old)
        case ("batch", "Job"):
            return job(object, old: old)
        case ("", "Service"):
            return service(object, old: old)
        case ("", "PersistentVolumeClaim"):
            return persistentVolumeClaim(object, old: old)
        case ("", "Pod"):
            return pod(object, old: old)
        case ("", "ConfigMap"):
            return immutableData(object, old: old, fields: ["data", "binaryData"])
        case ("", "Secret"):
            var causes: [FieldCause] = []
            if object["type"] != old["type"] {
                causes.append(.invalid(FieldErrorPath("type"), .json(object["type"]), immutable))
            }
            return causes + immutableData(object, old: old, fields: ["data"])
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            guard object["roleRef"] != old["roleRef"] else { return [] }
            let ref = object["roleRef"]
            let value = GoValue(formatted: "rbac.RoleRef{APIGroup:\(GoValue.quote(ref?["apiGroup"]?.stringValue ?? "")), Kind:\(GoValue.quote(ref?["kind"]?.stringValue ?? "")), Name:\(GoValue.quote(ref?["name"]?.stringValue ?? ""))}")
            return [.invalid(FieldErrorPath("roleRef"), value, "cannot change roleRef")]
        default:
            return []
        }
    }

    /// apps/v1 selectors never change: `spec.selector: Invalid value: v1.LabelSelector{…}: field is immutable`.
    private static func immutableSelector(_ object: JSON, old: JSON) -> [FieldCause] {
        let selector = object[path: ["spec", "selector"]]
        guard selector != old[path: ["spec", "selector"]] else { return [] }
        let value = selector.map { LabelSelector($0).goValue } ?? .null
        return [.invalid(FieldErrorPath("spec", "selector"), value, immutable)]
    }

    /// Only replicas, ordinals, template, updateStrategy, the PVC retention policy and
    /// minReadySeconds may change; not even revisionHistoryLimit (kubernetes/kubernetes#130263).
    private static func statefulSet(_ object: JSON, old: JSON) -> [FieldCause] {
        let mutable: Set<String> = ["replicas", "ordinals", "template", "updateStrategy",
                                    "persistentVolumeClaimRetentionPolicy", "minReadySeconds"]
        func frozen(_ spec: JSON?) -> JSONObject {
            var kept = JSONObject()
            for (key, value) in spec?.objectValue ?? JSONObject() where !mutable.contains(key) { kept[key] = value }
            return kept
        }
        guard frozen(object["spec"]) != frozen(old["spec"]) else { return [] }
        return [.forbidden(FieldErrorPath("spec"), "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")]
    }

    /// A Job's selector, pod template, completion mode and (non-indexed) completions are fixed.
    /// The template's value is Go's `%#v` of a whole `core.PodTemplateSpec`; it is abbreviated here.
    private static func job(_ object: JSON, old: JSON) -> [FieldCause] {
        var causes: [FieldCause] = []
        let selector = object[path: ["spec", "selector"]]
        if selector != old[path: ["spec", "selector"]] {
            causes.append(.invalid(FieldErrorPath("spec", "selector"), selector.map { LabelSelector($0).goValue } ?? .null, immutable))
        }
        if object[path: ["spec", "template"]] != old[path: ["spec", "template"]] {
            causes.append(.invalid(FieldErrorPath("spec", "template"), GoValue(formatted: "core.PodTemplateSpec{...}"), immutable))
        }
        if object[path: ["spec", "completionMode"]] != old[path: ["spec", "completionMode"]] {
            causes.append(.invalid(FieldErrorPath("spec", "completionMode"), .json(object[path: ["spec", "completionMode"]]), immutable))
        }
        if object[path: ["spec", "completionMode"]] != "Indexed",
           object[path: ["spec", "completions"]] != old[path: ["spec", "completions"]] {
            causes.append(.invalid(FieldErrorPath("spec", "completions"), .json(object[path: ["spec", "completions"]]), immutable))
        }
        return causes
    }

    /// The primary cluster IP may not change once set (validateUpgradeDowngradeClusterIPs); an
    /// update that leaves it out keeps the old one (the server copies it before validating).
    private static func service(_ object: JSON, old: JSON) -> [FieldCause] {
        guard object[path: ["spec", "type"]] != "ExternalName", old[path: ["spec", "type"]] != "ExternalName" else { return [] }
        let newIPs = object[path: ["spec", "clusterIPs"]]?.arrayValue?.compactMap(\.stringValue)
            ?? object[path: ["spec", "clusterIP"]]?.stringValue.map { [$0] } ?? []
        let oldIPs = old[path: ["spec", "clusterIPs"]]?.arrayValue?.compactMap(\.stringValue)
            ?? old[path: ["spec", "clusterIP"]]?.stringValue.map { [$0] } ?? []
        guard let newPrimary = newIPs.first, let oldPrimary = oldIPs.first, !newPrimary.isEmpty, newPrimary != oldPrimary else { return [] }
        return [.invalid(FieldErrorPath("spec", "clusterIPs").index(0), GoValue(formatted: GoValue.stringSliceLiteral(newIPs)), "may not change once set")]
    }

    /// Everything but the storage request is fixed after creation. The real message continues with
    /// a `cmp.Diff` of the two specs, which is left out here.
    private static func persistentVolumeClaim(_ object: JSON, old: JSON) -> [FieldCause] {
        func comparable(_ spec: JSON?) -> JSON {
            var copy = spec ?? .object(JSONObject())
            copy[path: ["resources", "requests"]] = nil
            copy["volumeAttributesClassName"] = nil
            return copy
        }
        guard comparable(object["spec"]) != comparable(old["spec"]) else { return [] }
        return [.forbidden(FieldErrorPath("spec"), "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims")]
    }

    /// A pod's spec is fixed but for container images, the active deadline, added tolerations, the
    /// grace period and removed scheduling gates (ValidatePodUpdate). The real message continues with
    /// a `cmp.Diff` of the two specs, which is left out here.
    private static func pod(_ object: JSON, old: JSON) -> [FieldCause] {
        guard var comparable = old["spec"], let new = object["spec"] else { return [] }
        for list in ["containers", "initContainers"] {
            guard case .array(var oldContainers)? = comparable[list], let newContainers = new[list]?.arrayValue,
                  oldContainers.count == newContainers.count else { continue }
            for index in oldContainers.indices { oldContainers[index]["image"] = newContainers[index]["image"] }
            comparable[list] = .array(oldContainers)
        }
        for field in ["activeDeadlineSeconds", "tolerations", "terminationGracePeriodSeconds", "schedulingGates"] {
            comparable[field] = new[field]
        }
        guard comparable != new else { return [] }
        return [.forbidden(FieldErrorPath("spec"), "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)")]
    }

    /// ConfigMaps and Secrets marked `immutable: true` keep their data, and stay immutable.
    private static func immutableData(_ object: JSON, old: JSON, fields: [String]) -> [FieldCause] {
        guard old["immutable"] == true else { return [] }
        let message = "field is immutable when `immutable` is set"
        var causes: [FieldCause] = []
        if object["immutable"] != true { causes.append(.forbidden(FieldErrorPath("immutable"), message)) }
        for field in fields where (object[field] ?? .null) != (old[field] ?? .null) {
            causes.append(.forbidden(FieldErrorPath(field), message))
        }
        return causes
    }
}

import Manifests

/// Validates objects of the served kinds (and custom resources, by their CRD's schema) as
/// kube-apiserver 1.32 does after defaulting, returning
/// the causes of a 422 `Invalid` (empty when the object is valid). `RejectionStatus.invalid` turns
/// them into the Status body.
public enum Validation {
    /// Checks an object about to be created. `namespaced` says whether the kind lives in a
    /// namespace (the built-in table knows; pass it for custom resources).
    public static func validateCreate(_ object: JSON, namespaced: Bool? = nil, schema: KubeSchema = .builtin) -> [FieldCause] {
        validate(object, old: nil, namespaced: namespaced, schema: schema)
    }

    private static func validate(_ object: JSON, old: JSON?, namespaced: Bool?, schema: KubeSchema) -> [FieldCause] {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return [] }
        let type = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        let scoped = namespaced ?? schema.resource(for: type)?.namespaced ?? true
        var causes = MetadataValidation.validate(object["metadata"], rule: NameRule.of(group: type.group, kind: kind), namespaced: scoped)
        causes += kindRules(object, group: type.group, kind: kind)
        // Custom resources: their CRD's schema (required, enum, bounds, patterns).
        if schema.definitionName(for: type) == nil, let node = schema.node(for: type) {
            causes += SchemaValidation.validate(object, node: node)
            causes += CELRules.validate(object, old: old, node: node)
        }
        return causes
    }

    /// Checks an update: the create rules, then the fields that may not change from `old`.
    public static func validateUpdate(_ object: JSON, old: JSON, namespaced: Bool? = nil, schema: KubeSchema = .builtin) -> [FieldCause] {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return [] }
        let group = GroupVersionKind(apiVersion: apiVersion, kind: kind).group
        return validate(object, old: old, namespaced: namespaced, schema: schema)
            + UpdateValidation.validate(object, old: old, group: group, kind: kind)
    }

    private static func kindRules(_ object: JSON, group: String, kind: String) -> [FieldCause] {
        switch (group, kind) {
        case ("", "Pod"): return PodSpecValidation.spec(object["spec"], path: FieldErrorPath("spec"))
        case ("", "Service"): return ServiceValidation.validate(object["spec"])
        case ("", "ConfigMap"): return ConfigDataValidation.configMap(object)
        case ("", "Secret"): return ConfigDataValidation.secret(object)
        case ("apps", "Deployment"), ("apps", "ReplicaSet"): return WorkloadValidation.deployment(object["spec"])
        case ("apps", "StatefulSet"): return WorkloadValidation.statefulSet(object["spec"])
        case ("apps", "DaemonSet"): return WorkloadValidation.daemonSet(object["spec"])
        case ("batch", "Job"): return WorkloadValidation.job(object["spec"], generatedSelector: true)
        case ("batch", "CronJob"):
            var causes = WorkloadValidation.cronJob(object["spec"])
            if let name = object[path: ["metadata", "name"]]?.stringValue, name.count > 52 {
                causes.insert(.invalid(FieldErrorPath("metadata", "name"), .string(name), "must be no more than 52 characters"), at: 0)
            }
            return causes
        case ("networking.k8s.io", "Ingress"): return IngressValidation.validate(object["spec"])
        case ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
             ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"):
            return ExtensionValidation.webhookConfiguration(object)
        case ("scheduling.k8s.io", "PriorityClass"): return ExtensionValidation.priorityClass(object)
        case ("autoscaling", "HorizontalPodAutoscaler"): return AutoscalingValidation.horizontalPodAutoscaler(object["spec"])
        case ("apiextensions.k8s.io", "CustomResourceDefinition"):
            let plural = object[path: ["spec", "names", "plural"]]?.stringValue ?? ""
            let crdGroup = object[path: ["spec", "group"]]?.stringValue ?? ""
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            guard name != plural + "." + crdGroup else { return [] }
            return [.invalid(FieldErrorPath("metadata", "name"), .string(name), "must be spec.names.plural+\".\"+spec.group")]
        default: return []
        }
    }
}

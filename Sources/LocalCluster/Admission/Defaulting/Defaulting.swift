import Manifests

/// Fills in the defaults a real API server (1.32) gives the served kinds when it decodes a write,
/// so an object read back from the local cluster looks as it would on a real cluster (and so a
/// diff against either shows the same thing).
///
/// Pure functions of the object: no allocation (cluster IPs, node ports), no server-set metadata.
/// Quantities of built-in kinds are rewritten in their canonical form, as a real server stores them.
public enum Defaulting {
    /// Applies the defaults of the object's kind (by `apiVersion` and `kind`); other kinds are left alone.
    public static func apply(to object: inout JSON) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return }
        switch (GroupVersionKind(apiVersion: apiVersion, kind: kind).group, kind) {
        case ("", "Pod"): CoreDefaults.pod(&object)
        case ("", "Service"): ServiceDefaults.apply(&object)
        case ("", "Secret"): CoreDefaults.secret(&object)
        case ("", "PersistentVolumeClaim"): CoreDefaults.persistentVolumeClaim(&object)
        case ("", "PersistentVolume"): CoreDefaults.persistentVolume(&object)
        case ("", "Namespace"): CoreDefaults.namespace(&object)
        case ("", "Endpoints"): CoreDefaults.endpoints(&object)
        case ("", "LimitRange"): CoreDefaults.limitRange(&object)
        case ("apps", "Deployment"): WorkloadDefaults.deployment(&object)
        case ("apps", "ReplicaSet"): WorkloadDefaults.replicaSet(&object)
        case ("apps", "StatefulSet"): WorkloadDefaults.statefulSet(&object)
        case ("apps", "DaemonSet"): WorkloadDefaults.daemonSet(&object)
        case ("batch", "Job"): WorkloadDefaults.job(&object)
        case ("batch", "CronJob"): WorkloadDefaults.cronJob(&object)
        case ("networking.k8s.io", "NetworkPolicy"): ClusterDefaults.networkPolicy(&object)
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            ClusterDefaults.roleBinding(&object)
        case ("autoscaling", "HorizontalPodAutoscaler"): ClusterDefaults.horizontalPodAutoscaler(&object)
        case ("storage.k8s.io", "StorageClass"): ClusterDefaults.storageClass(&object)
        case ("discovery.k8s.io", "EndpointSlice"): ClusterDefaults.endpointSlice(&object)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): ClusterDefaults.customResourceDefinition(&object)
        case ("", "ReplicationController"): ExtensionDefaults.replicationController(&object)
        case ("", "PodTemplate"): ExtensionDefaults.podTemplate(&object)
        case ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"): ExtensionDefaults.webhookConfiguration(&object, mutating: false)
        case ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"): ExtensionDefaults.webhookConfiguration(&object, mutating: true)
        case ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"): ExtensionDefaults.admissionPolicy(&object)
        case ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"): ExtensionDefaults.admissionPolicyBinding(&object)
        case ("apiregistration.k8s.io", "APIService"): ExtensionDefaults.apiService(&object)
        case ("scheduling.k8s.io", "PriorityClass"): ExtensionDefaults.priorityClass(&object)
        case ("storage.k8s.io", "CSIDriver"): ExtensionDefaults.csiDriver(&object)
        case ("flowcontrol.apiserver.k8s.io", "FlowSchema"): ExtensionDefaults.flowSchema(&object)
        case ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"): ExtensionDefaults.priorityLevel(&object)
        default: break
        }
        let type = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        if let node = KubeSchema.builtin.node(for: type), node.definitionName != nil {
            QuantityNormalization.apply(to: &object, node: node)
        }
    }

    /// Applies the defaults of the object's kind, custom resources included: those get the
    /// `default`s of their CRD's structural schema.
    public static func apply(to object: inout JSON, schema: KubeSchema) {
        if let kind = BodyDecoding.kind(of: object), schema.definitionName(for: kind) == nil, let node = schema.node(for: kind) {
            SchemaDefaults.apply(to: &object, node: node)
        } else {
            apply(to: &object)
        }
    }

    /// A defaulted copy.
    public static func applied(to object: JSON) -> JSON {
        var copy = object
        apply(to: &copy)
        return copy
    }

    /// What the kinds' REST strategies (`PrepareForCreate`) and the default admission plugins add on
    /// create only, given the uid the server assigned: a Namespace's `kubernetes` finalizer, a Job's
    /// generated selector and labels (`pkg/registry/batch/job/strategy.go` generateSelector, unless
    /// `manualSelector`), a Pod's service account, token volume, priority and tolerations.
    public static func prepareForCreate(_ object: inout JSON, uid: String) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return }
        switch (GroupVersionKind(apiVersion: apiVersion, kind: kind).group, kind) {
        case ("", "Pod"):
            PodAdmissionPlugins.apply(to: &object, uid: uid)
        case ("", "Namespace"):
            object.updateStruct("spec") { spec in
                var finalizers = spec["finalizers"]?.arrayValue ?? []
                if !finalizers.contains("kubernetes") { finalizers.append("kubernetes") }
                spec["finalizers"] = .array(finalizers)
            }
        case ("batch", "Job"):
            guard object[path: ["spec", "manualSelector"]] != true else { return }
            let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
            var labels = object[path: ["spec", "template", "metadata", "labels"]]?.stringMap ?? JSONObject()
            for key in ["job-name", "batch.kubernetes.io/job-name"] where labels[key] == nil { labels[key] = .string(name) }
            for key in ["controller-uid", "batch.kubernetes.io/controller-uid"] where labels[key] == nil { labels[key] = .string(uid) }
            object[path: ["spec", "template", "metadata", "labels"]] = .object(labels)
            var matchLabels = object[path: ["spec", "selector", "matchLabels"]]?.stringMap ?? JSONObject()
            if matchLabels["batch.kubernetes.io/controller-uid"] == nil { matchLabels["batch.kubernetes.io/controller-uid"] = .string(uid) }
            object[path: ["spec", "selector", "matchLabels"]] = .object(matchLabels)
        default:
            break
        }
    }
}

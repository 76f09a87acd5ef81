import Manifests

/// Defaults of the admission, aggregation, scheduling, node, storage-driver and flow-control
/// kinds, and of the legacy core workloads, each from its group's `pkg/apis/<group>/v1/defaults.go`
/// (release-1.32).
enum ExtensionDefaults {
    /// admissionregistration/v1 SetDefaults_ValidatingWebhook / MutatingWebhook / Rule /
    /// ServiceReference: Fail, Equivalent, empty selectors, 10 s, scope `*`, port 443, and
    /// `reinvocationPolicy: Never` for mutating webhooks.
    static func webhookConfiguration(_ object: inout JSON, mutating: Bool) {
        object.updateEach("webhooks") { webhook in
            webhook.defaultIfNil("failurePolicy", "Fail")
            webhook.defaultIfNil("matchPolicy", "Equivalent")
            webhook.defaultIfNil("namespaceSelector", .object(JSONObject()))
            webhook.defaultIfNil("objectSelector", .object(JSONObject()))
            webhook.defaultIfNil("timeoutSeconds", 10)
            if mutating { webhook.defaultIfNil("reinvocationPolicy", "Never") }
            webhook.updateEach("rules") { $0.defaultIfNil("scope", "*") }
            webhook.updateStruct("clientConfig") { config in config.update("service") { $0.defaultIfNil("port", 443) } }
        }
    }

    /// admissionregistration/v1 SetDefaults_ValidatingAdmissionPolicySpec / MatchResources.
    static func admissionPolicy(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfNil("failurePolicy", "Fail")
            spec.update("matchConstraints", matchResources)
        }
    }

    /// admissionregistration/v1 SetDefaults_ValidatingAdmissionPolicyBindingSpec (via MatchResources)
    /// and SetDefaults_ParamRef (`parameterNotFoundAction: Deny` when a selector or name is given).
    static func admissionPolicyBinding(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.update("matchResources", matchResources)
            spec.update("paramRef") { $0.defaultIfNil("parameterNotFoundAction", "Deny") }
        }
    }

    private static func matchResources(_ match: inout JSON) {
        match.defaultIfNil("matchPolicy", "Equivalent")
        match.defaultIfNil("namespaceSelector", .object(JSONObject()))
        match.defaultIfNil("objectSelector", .object(JSONObject()))
        for key in ["resourceRules", "excludeResourceRules"] { match.updateEach(key) { $0.defaultIfNil("scope", "*") } }
    }

    /// apiregistration/v1 SetDefaults_ServiceReference: port 443.
    static func apiService(_ object: inout JSON) {
        object.updateStruct("spec") { spec in spec.update("service") { $0.defaultIfNil("port", 443) } }
    }

    /// scheduling/v1 SetDefaults_PriorityClass.
    static func priorityClass(_ object: inout JSON) {
        object.defaultIfNil("preemptionPolicy", "PreemptLowerPriority")
    }

    /// storage/v1 SetDefaults_CSIDriver.
    static func csiDriver(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.defaultIfNil("attachRequired", true)
            spec.defaultIfNil("podInfoOnMount", false)
            spec.defaultIfNil("storageCapacity", false)
            spec.defaultIfNil("fsGroupPolicy", "ReadWriteOnceWithFSType")
            spec.defaultIfNil("requiresRepublish", false)
            spec.defaultIfNil("seLinuxMount", false)
            if spec["volumeLifecycleModes"]?.arrayValue?.isEmpty ?? true { spec["volumeLifecycleModes"] = ["Persistent"] }
        }
    }

    /// flowcontrol/v1 SetDefaults_FlowSchemaSpec (precedence 1000).
    static func flowSchema(_ object: inout JSON) {
        object.updateStruct("spec") { $0.defaultIfZero("matchingPrecedence", 1000) }
    }

    /// flowcontrol/v1 SetDefaults_PriorityLevelConfiguration: 30 shares, no lending, and 64
    /// queues, hand size 8, 50 per queue when queuing.
    static func priorityLevel(_ object: inout JSON) {
        object.updateStruct("spec") { spec in
            spec.update("limited") { limited in
                limited.defaultIfNil("nominalConcurrencyShares", 30)
                limited.defaultIfNil("lendablePercent", 0)
                limited.updateStruct("limitResponse") { response in
                    response.update("queuing") { queuing in
                        queuing.defaultIfZero("queues", 64)
                        queuing.defaultIfZero("handSize", 8)
                        queuing.defaultIfZero("queueLengthLimit", 50)
                    }
                }
            }
            spec.update("exempt") { exempt in
                exempt.defaultIfNil("nominalConcurrencyShares", 0)
                exempt.defaultIfNil("lendablePercent", 0)
            }
        }
    }

    /// core/v1 SetDefaults_ReplicationController: selector and labels from the template, one replica.
    static func replicationController(_ object: inout JSON) {
        let labels = object[path: ["spec", "template", "metadata", "labels"]]
        object.updateStruct("spec") { spec in
            if let labels, spec["selector"]?.objectValue?.isEmpty ?? true { spec["selector"] = labels }
            spec.defaultIfNil("replicas", 1)
            spec.update("template", PodSpecDefaults.applyToTemplate)
        }
        if let labels, object[path: ["metadata", "labels"]]?.objectValue?.isEmpty ?? true {
            object[path: ["metadata", "labels"]] = labels
        }
    }

    /// core/v1 PodTemplate: its pod spec defaults.
    static func podTemplate(_ object: inout JSON) {
        object.update("template", PodSpecDefaults.applyToTemplate)
    }
}

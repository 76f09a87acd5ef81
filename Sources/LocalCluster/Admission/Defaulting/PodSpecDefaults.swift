import Manifests

/// Defaults of a pod spec and what it contains, from `pkg/apis/core/v1/defaults.go` (release-1.32):
/// SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_Probe,
/// SetDefaults_HTTPGetAction, SetDefaults_Volume and the volume sources, SetDefaults_ObjectFieldSelector.
enum PodSpecDefaults {
    /// A pod template (`spec.template` of workloads): its spec, and the `creationTimestamp: null`
    /// that serializing the template's Go ObjectMeta always writes.
    static func applyToTemplate(_ template: inout JSON) {
        template.updateStruct("metadata") { metadata in
            if metadata["creationTimestamp"] == nil { metadata["creationTimestamp"] = .null }
        }
        template.updateStruct("spec") { apply(to: &$0) }
    }

    /// SetDefaults_PodSpec and everything nested, plus the v1 conversion's alias: the deprecated
    /// `serviceAccount` always mirrors `serviceAccountName` (which it fills when only it is given).
    static func apply(to spec: inout JSON) {
        let accountName = spec["serviceAccountName"]?.stringValue ?? ""
        let deprecatedName = spec["serviceAccount"]?.stringValue ?? ""
        let account = accountName.isEmpty ? deprecatedName : accountName
        if !account.isEmpty {
            spec["serviceAccountName"] = .string(account)
            spec["serviceAccount"] = .string(account)
        }
        spec.defaultIfEmpty("dnsPolicy", "ClusterFirst")
        spec.defaultIfEmpty("restartPolicy", "Always")
        spec.defaultIfNil("securityContext", .object(JSONObject()))
        spec.defaultIfNil("terminationGracePeriodSeconds", 30)
        spec.defaultIfEmpty("schedulerName", "default-scheduler")
        spec.updateEach("containers") { container(&$0) }
        spec.updateEach("initContainers") { container(&$0) }
        spec.updateEach("ephemeralContainers") { container(&$0) }
        spec.updateEach("volumes") { volume(&$0) }
    }

    /// SetDefaults_Container, plus `resources: {}` (a Go struct, so always serialized).
    static func container(_ container: inout JSON) {
        if container["imagePullPolicy"] == nil || container["imagePullPolicy"] == "" || container["imagePullPolicy"] == .null {
            container["imagePullPolicy"] = ImageTag.of( container["image"]?.stringValue ?? "") == "latest" ? "Always" : "IfNotPresent"
        }
        container.defaultIfEmpty("terminationMessagePath", "/dev/termination-log")
        container.defaultIfEmpty("terminationMessagePolicy", "File")
        container.updateStruct("resources") { _ in }
        container.updateEach("ports") { port in port.defaultIfEmpty("protocol", "TCP") }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            container.update(probe) { self.probe(&$0) }
        }
        for hook in ["postStart", "preStop"] {
            container.update("lifecycle") { lifecycle in
                lifecycle.update(hook) { handler in handler.update("httpGet") { httpGet(&$0) } }
            }
        }
        container.updateEach("env") { variable in
            variable.update("valueFrom") { source in
                source.update("fieldRef") { $0.defaultIfEmpty("apiVersion", "v1") }
            }
        }
    }

    /// SetDefaults_Probe and its HTTP handler.
    static func probe(_ probe: inout JSON) {
        probe.defaultIfZero("timeoutSeconds", 1)
        probe.defaultIfZero("periodSeconds", 10)
        probe.defaultIfZero("successThreshold", 1)
        probe.defaultIfZero("failureThreshold", 3)
        probe.update("httpGet") { httpGet(&$0) }
    }

    /// SetDefaults_HTTPGetAction.
    static func httpGet(_ action: inout JSON) {
        action.defaultIfEmpty("path", "/")
        action.defaultIfEmpty("scheme", "HTTP")
    }

    /// SetDefaults_Volume (no source means an emptyDir) and the volume sources' file modes
    /// (0644 = 420 for secret, configMap, downwardAPI and projected; hostPath type "").
    static func volume(_ volume: inout JSON) {
        let sources = volume.objectValue?.keys.filter { $0 != "name" } ?? []
        if sources.allSatisfy({ volume[$0] == .null }) { volume["emptyDir"] = .object(JSONObject()) }
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            volume.update(source) { $0.defaultIfNil("defaultMode", 420) }
        }
        volume.update("hostPath") { $0.defaultIfNil("type", "") }
        volume.update("downwardAPI") { source in
            source.updateEach("items") { item in item.update("fieldRef") { $0.defaultIfEmpty("apiVersion", "v1") } }
        }
        volume.update("projected") { projected in
            projected.updateEach("sources") { source in
                source.update("serviceAccountToken") { $0.defaultIfNil("expirationSeconds", 3600) }
                source.update("downwardAPI") { api in
                    api.updateEach("items") { item in item.update("fieldRef") { $0.defaultIfEmpty("apiVersion", "v1") } }
                }
            }
        }
    }
}

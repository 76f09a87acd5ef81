import Manifests

/// Objects whose health is one fact the API server or a controller reports: a claim bound, a load
/// balancer address assigned, a definition established, a namespace active.
enum ServingHealth {
    static func persistentVolumeClaim(_ claim: JSON) -> HealthAssessment {
        switch StatusFields.string(claim, ["status", "phase"]) {
        case "Bound": return HealthAssessment(.healthy, "claim is bound")
        case "Lost": return HealthAssessment(.degraded, "claim lost its volume")
        case let phase: return HealthAssessment(.progressing, "claim is \(phase ?? "not yet bound")")
        }
    }

    static func service(_ service: JSON) -> HealthAssessment {
        guard StatusFields.string(service, ["spec", "type"]) == "LoadBalancer" else {
            return HealthAssessment(.healthy, "")
        }
        if hasLoadBalancerIngress(service) { return HealthAssessment(.healthy, "load balancer is ready") }
        return HealthAssessment(.progressing, "waiting for a load balancer address")
    }

    static func ingress(_ ingress: JSON) -> HealthAssessment {
        if hasLoadBalancerIngress(ingress) { return HealthAssessment(.healthy, "ingress has an address") }
        return HealthAssessment(.progressing, "waiting for the ingress controller to assign an address")
    }

    static func customResourceDefinition(_ definition: JSON) -> HealthAssessment {
        if let names = StatusFields.condition(definition, "NamesAccepted"), names["status"]?.stringValue == "False" {
            return HealthAssessment(.degraded, "names not accepted" + WorkloadHealth.detail(names))
        }
        if let established = StatusFields.condition(definition, "Established") {
            switch established["status"]?.stringValue {
            case "True": return HealthAssessment(.healthy, "CRD is established")
            case "False" where established["reason"]?.stringValue != "Installing":
                return HealthAssessment(.degraded, "CRD is not established" + WorkloadHealth.detail(established))
            default: break
            }
        }
        return HealthAssessment(.progressing, "waiting for the CRD to be established")
    }

    static func namespace(_ namespace: JSON) -> HealthAssessment {
        if StatusFields.string(namespace, ["status", "phase"]) == "Terminating" {
            return HealthAssessment(.progressing, "namespace is terminating")
        }
        return HealthAssessment(.healthy, "")
    }

    private static func hasLoadBalancerIngress(_ object: JSON) -> Bool {
        !(object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).isEmpty
    }
}

import Foundation
import Manifests

/// Objects whose health is one fact the API server or a controller reports: a claim bound, a load
/// balancer address assigned, a definition established, an aggregated API available, a namespace
/// active.
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

    /// Degraded when names clash, when establishing failed, or (Argo CD; kstatus ignores it) when
    /// `NonStructuralSchema=True`: a schema the API server cannot prune or default by. Progressing
    /// while `Established=False` with reason `Installing` (kstatus; Argo CD calls any unestablished
    /// CRD Degraded, which would fail a sync in the moment after creating one) or terminating.
    static func customResourceDefinition(_ definition: JSON) -> HealthAssessment {
        if StatusFields.conditions(definition).isEmpty {
            return HealthAssessment(.progressing, "waiting for the CRD to be established")
        }
        if let terminating = StatusFields.condition(definition, "Terminating"), terminating["status"]?.stringValue == "True" {
            return HealthAssessment(.progressing, "CRD is being terminated" + StatusFields.detail(terminating))
        }
        if let names = StatusFields.condition(definition, "NamesAccepted"), names["status"]?.stringValue == "False" {
            return HealthAssessment(.degraded, "names not accepted" + StatusFields.detail(names))
        }
        if let established = StatusFields.condition(definition, "Established") {
            switch established["status"]?.stringValue {
            case "True":
                if let schema = StatusFields.condition(definition, "NonStructuralSchema"), schema["status"]?.stringValue == "True" {
                    return HealthAssessment(.degraded, "schema is not structural" + StatusFields.detail(schema))
                }
                return HealthAssessment(.healthy, "CRD is established")
            case "False" where established["reason"]?.stringValue != "Installing":
                return HealthAssessment(.degraded, "CRD is not established" + StatusFields.detail(established))
            default: break
            }
        }
        return HealthAssessment(.progressing, "waiting for the CRD to be established")
    }

    /// An aggregated API (`spec.service` set) is Healthy once the aggregator reports it
    /// `Available`; until then, and while it is `Available=False` (its backend not running or
    /// not answering discovery), Progressing, as Argo CD has it — for `unavailableGrace` after the
    /// condition turned; beyond Argo CD, an API unavailable longer than that is Degraded (every
    /// discovery in the cluster reports it failing). kstatus has no rule for APIServices and calls
    /// every one Current. Local APIServices are always `Available=True`.
    static func apiService(_ service: JSON, now: Date) -> HealthAssessment {
        guard let available = StatusFields.condition(service, "Available") else {
            return HealthAssessment(.progressing, "waiting for the API service to be checked")
        }
        let isAvailable = available["status"]?.stringValue == "True"
        let summary = StatusFields.summary(available, otherwise: isAvailable ? "API service is available" : "API service is not available")
        if isAvailable { return HealthAssessment(.healthy, summary) }
        if let since = StatusFields.time(available["lastTransitionTime"]), now.timeIntervalSince(since) > unavailableGrace {
            return HealthAssessment(.degraded, summary)
        }
        return HealthAssessment(.progressing, summary)
    }

    /// How long an aggregated API may be unavailable before it counts as a failure.
    static let unavailableGrace: TimeInterval = 180

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

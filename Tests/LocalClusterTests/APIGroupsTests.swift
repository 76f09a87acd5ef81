import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// The group-versions, kinds and subresources a kube-apiserver 1.32 serves by default (kind's
/// `kubectl api-versions` / `api-resources`), and what kubectl does with them.
@Suite struct APIGroupsTests {
    /// `kubectl api-versions` against a default 1.32 server.
    static let groupVersions = """
        admissionregistration.k8s.io/v1
        apiextensions.k8s.io/v1
        apiregistration.k8s.io/v1
        apps/v1
        authentication.k8s.io/v1
        authorization.k8s.io/v1
        autoscaling/v1
        autoscaling/v2
        batch/v1
        certificates.k8s.io/v1
        coordination.k8s.io/v1
        discovery.k8s.io/v1
        events.k8s.io/v1
        flowcontrol.apiserver.k8s.io/v1
        networking.k8s.io/v1
        node.k8s.io/v1
        policy/v1
        rbac.authorization.k8s.io/v1
        scheduling.k8s.io/v1
        storage.k8s.io/v1
        v1

        """

    @Test func discoveryListsEveryGroupVersionAndKind() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("api-versions").stdout == Self.groupVersions)
            let resources = try await cluster.kubectl("api-resources", "-o", "name").stdout.split(separator: "\n").map(String.init)
            for name in ["nodes", "podtemplates", "replicationcontrollers", "componentstatuses", "bindings",
                         "validatingwebhookconfigurations.admissionregistration.k8s.io", "mutatingwebhookconfigurations.admissionregistration.k8s.io",
                         "validatingadmissionpolicies.admissionregistration.k8s.io", "apiservices.apiregistration.k8s.io",
                         "controllerrevisions.apps", "selfsubjectreviews.authentication.k8s.io", "tokenreviews.authentication.k8s.io",
                         "selfsubjectaccessreviews.authorization.k8s.io", "subjectaccessreviews.authorization.k8s.io",
                         "certificatesigningrequests.certificates.k8s.io", "events.events.k8s.io", "flowschemas.flowcontrol.apiserver.k8s.io",
                         "prioritylevelconfigurations.flowcontrol.apiserver.k8s.io", "runtimeclasses.node.k8s.io",
                         "priorityclasses.scheduling.k8s.io", "csidrivers.storage.k8s.io", "csinodes.storage.k8s.io",
                         "csistoragecapacities.storage.k8s.io", "volumeattachments.storage.k8s.io"] {
                #expect(resources.contains(name), "api-resources lacks \(name)")
            }
            #expect(resources.count == 58)  // 59 kinds, HorizontalPodAutoscaler listed once (preferred v2)
        }
    }

    @Test func aReadyNodeThatBarePodsAreBoundTo() async throws {
        try await withCluster { cluster in
            let nodes = try await cluster.kubectl("get", "nodes")
            #expect(nodes.stdout.hasPrefix("NAME         STATUS   ROLES           AGE   VERSION\nlocal-node   Ready    control-plane   "))
            #expect(nodes.stdout.hasSuffix("v1.32.0\n"))
            #expect(try await cluster.kubectl("get", "node", "local-node", "-o", "jsonpath={.status.capacity.pods}").stdout == "110")
            #expect(try await cluster.kubectl("run", "bare", "--image=nginx:1.25").status == 0)
            let running = try await cluster.kubectl("wait", "--for=condition=Ready", "pod/bare", "--timeout=60s")
            #expect(running.status == 0, "\(running.stderr)")
            #expect(try await cluster.kubectl("get", "pod", "bare", "-o", "jsonpath={.spec.nodeName}").stdout == "local-node")
            let described = try await cluster.kubectl("describe", "node", "local-node")
            #expect(described.status == 0, "\(described.stderr)")
            #expect(described.stdout.contains("default                     bare"))
        }
    }

    @Test func accessReviewsAnswerForTheClusterUserAndByRBACForOthers() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("auth", "can-i", "create", "deployments").stdout == "yes\n")
            let whoami = try await cluster.kubectl("auth", "whoami")
            #expect(whoami.stdout.contains("Username    mooring-local"), "\(whoami.stderr)")
            #expect(whoami.stdout.contains("Groups      [system:masters system:authenticated]"))
            let list = try await cluster.kubectl("auth", "can-i", "--list")
            #expect(list.stdout.contains("*.*         []                  []               [*]"), "\(list.stdout)")
            let bot = "system:serviceaccount:default:bot"
            #expect(try await cluster.kubectl("create", "serviceaccount", "bot").status == 0)
            let denied = try await cluster.kubectl("auth", "can-i", "list", "pods", "--as", bot)
            #expect(denied.stdout == "no\n" && denied.status == 1)
            let forbidden = try await cluster.kubectl("get", "pods", "--as", bot)
            #expect(forbidden.stderr.contains(#"pods is forbidden: User "system:serviceaccount:default:bot" cannot list resource "pods" in API group "" in the namespace "default""#))
            #expect(try await cluster.kubectl("create", "rolebinding", "bot-view", "--clusterrole=view", "--serviceaccount=default:bot").status == 0)
            #expect(try await cluster.kubectl("auth", "can-i", "list", "pods", "--as", bot).stdout == "yes\n")
            #expect(try await cluster.kubectl("auth", "can-i", "delete", "pods", "--as", bot).stdout == "no\n")
            #expect(try await cluster.kubectl("auth", "can-i", "list", "pods", "--as", bot, "-n", "kube-system").stdout == "no\n")
            let review = try await cluster.curl("/apis/authorization.k8s.io/v1/subjectaccessreviews", method: "POST",
                                                headers: ["Content-Type: application/json"],
                                                body: #"{"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview","spec":{"user":"system:serviceaccount:default:bot","resourceAttributes":{"namespace":"default","verb":"get","resource":"configmaps"}}}"#)
            #expect(review.httpStatus == 201)
            let status = try JSON(parsing: review.httpBody)["status"]
            #expect(status?["allowed"] == true)
            #expect(status?["reason"] == #"RBAC: allowed by RoleBinding "bot-view/default" of ClusterRole "view" to ServiceAccount "bot/default""#
                    || status?["reason"] == #"RBAC: allowed by RoleBinding "bot-view/default" of ClusterRole "view" to ServiceAccount "bot""#)
        }
    }

    @Test func kubectlCreateTokenGivesATokenTheServerAccepts() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("create", "serviceaccount", "ci").status == 0)
            let created = try await cluster.kubectl("create", "token", "ci", "--duration=20m")
            #expect(created.status == 0, "\(created.stderr)")
            let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.split(separator: ".").count == 3)
            let asAccount = try await cluster.curl("/api/v1/namespaces/default/configmaps", token: .some(token))
            #expect(asAccount.httpStatus == 403)
            let discovery = try await cluster.curl("/api", token: .some(token))
            #expect(discovery.httpStatus == 200)
            let reviewed = try await cluster.curl("/apis/authentication.k8s.io/v1/tokenreviews", method: "POST",
                                                  headers: ["Content-Type: application/json"],
                                                  body: #"{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"\#(token)"}}"#)
            let user = try JSON(parsing: reviewed.httpBody)[path: ["status", "user", "username"]]
            #expect(user == "system:serviceaccount:default:ci")
            let short = try await cluster.kubectl("create", "token", "ci", "--duration=1m")
            #expect(short.stderr.contains("may not specify a duration less than 10 minutes"))
            #expect(try await cluster.kubectl("create", "token", "nobody").stderr.contains(#"serviceaccounts "nobody" not found"#))
            #expect(try await cluster.curl("/api", token: .some("not-a-token")).httpStatus == 401)
        }
    }

    /// `kubectl autoscale` (autoscaling/v1 in 1.28–1.32) and the v2 view of the same object.
    @Test func autoscalersAreServedInV1AndV2() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.deployment("scaled", replicas: 1))
            let made = try await cluster.kubectl("autoscale", "deployment", "scaled", "--min=2", "--max=4", "--cpu-percent=60")
            #expect(made.status == 0, "\(made.stderr)")
            let v2 = try await cluster.kubectl("get", "horizontalpodautoscalers.v2.autoscaling", "scaled", "-o", "jsonpath={.spec.metrics[0].resource.target.averageUtilization}")
            #expect(v2.stdout == "60")
            let v1 = try await cluster.kubectl("get", "horizontalpodautoscalers.v1.autoscaling", "scaled", "-o", "jsonpath={.spec.targetCPUUtilizationPercentage}/{.spec.minReplicas}")
            #expect(v1.stdout == "60/2")
            let manager = try await cluster.kubectl("get", "horizontalpodautoscalers.v1.autoscaling", "scaled", "--show-managed-fields", "-o",
                                                    "jsonpath={.metadata.managedFields[0].apiVersion} {.metadata.managedFields[0].fieldsV1.f:spec}")
            #expect(manager.stdout.hasPrefix("autoscaling/v1 "))
            #expect(manager.stdout.contains("f:targetCPUUtilizationPercentage"))
            // No CPU requests: the simulated metrics server cannot compute a utilization, as a real one cannot.
            let failing = try await eventually {
                try await cluster.kubectl("get", "hpa", "scaled", "-o", #"jsonpath={.status.conditions[?(@.type=="ScalingActive")].reason}"#)
                    .stdout == "FailedGetResourceMetric"
            }
            #expect(failing)
        }
    }

    /// With requests the metric reads its target; the controller enforces minReplicas.
    @Test func autoscalersWithRequestsAreActiveAndKeepTheBounds() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.deployment("busy", replicas: 1).replacingOccurrences(
                of: "        ports:", with: "        resources: {requests: {cpu: 100m}}\n        ports:"))
            try await cluster.apply("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: busy, namespace: default}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}
                  minReplicas: 2
                  maxReplicas: 5
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
                """)
            let active = try await eventually {
                try await cluster.kubectl("get", "hpa", "busy", "-o",
                                          #"jsonpath={.status.conditions[?(@.type=="ScalingActive")].reason}/{.spec.minReplicas}"#).stdout == "ValidMetricFound/2"
            }
            #expect(active)
            let scaled = try await eventually { try await cluster.kubectl("get", "deploy", "busy", "-o", "jsonpath={.spec.replicas}").stdout == "2" }
            #expect(scaled)
            let table = try await eventually { try await cluster.kubectl("get", "hpa", "busy").stdout.contains("cpu: 70%/70%") }
            #expect(table)
        }
    }

    @Test func eventsAreOneStorageInBothGroups() async throws {
        try await withCluster { cluster in
            try await cluster.apply("""
                apiVersion: events.k8s.io/v1
                kind: Event
                metadata: {name: note, namespace: default}
                eventTime: "2024-05-01T10:00:00.000000Z"
                reportingController: example.com/ctl
                reportingInstance: ctl-1
                action: Check
                reason: Checked
                note: all good
                type: Normal
                regarding: {kind: Pod, name: p, namespace: default}
                """)
            #expect(try await cluster.kubectl("get", "events.v1.", "note", "-o", "jsonpath={.message}/{.involvedObject.name}").stdout == "all good/p")
            #expect(try await cluster.kubectl("get", "events.events.k8s.io", "note", "-o", "jsonpath={.note}").stdout == "all good")
        }
    }

    @Test func aFreshClusterHasWhatARealOneHas() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("get", "svc", "kubernetes", "-o", "jsonpath={.spec.clusterIP}").stdout == "10.96.0.1")
            try await cluster.apply("apiVersion: v1\nkind: Namespace\nmetadata: {name: fresh}\n")
            let root = try await eventually {
                try await cluster.kubectl("get", "cm", "kube-root-ca.crt", "-n", "fresh", "-o", "jsonpath={.data.ca\\.crt}").stdout
                    .hasPrefix("-----BEGIN CERTIFICATE-----")
            }
            #expect(root)
            #expect(try await cluster.kubectl("get", "priorityclass", "-o", "name").stdout
                    == "priorityclass.scheduling.k8s.io/system-cluster-critical\npriorityclass.scheduling.k8s.io/system-node-critical\n")
            let services = try await cluster.kubectl("get", "apiservices", "v1.apps")
            #expect(services.stdout.contains("v1.apps   Local     True        "), "\(services.stdout)")
            let components = try await cluster.kubectl("get", "componentstatuses")
            #expect(components.stderr.contains("v1 ComponentStatus is deprecated in v1.19+"))
            #expect(components.stdout.contains("etcd-0               Healthy   ok"), "\(components.stdout)")
            #expect(try await cluster.kubectl("get", "clusterrole", "view", "-o", "name").status == 0)
        }
    }

    /// Webhook configurations are stored with the server's defaults and checked as a real server
    /// checks them, but never called (README, "Deviations").
    @Test func webhookConfigurationsAreDefaultedAndValidated() async throws {
        try await withCluster { cluster in
            let applied = try await cluster.apply("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: checks}
                webhooks:
                - name: validate.checks.example.com
                  clientConfig: {service: {name: checks, namespace: default, path: /validate}}
                  rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """)
            #expect(applied.status == 0, "\(applied.stderr)")
            let webhook = try await cluster.kubectl("get", "validatingwebhookconfiguration", "checks", "-o", "jsonpath={.webhooks[0]}")
            let stored = try JSON(parsing: webhook.stdout)
            #expect(stored["failurePolicy"] == "Fail")
            #expect(stored["matchPolicy"] == "Equivalent")
            #expect(stored["timeoutSeconds"] == 10)
            #expect(stored[path: ["clientConfig", "service", "port"]] == 443)
            #expect(stored[path: ["rules", "0"]] == nil && stored["rules"]?.arrayValue?.first?["scope"] == "*")
            // The webhook is not called: a ConfigMap it would see is created.
            try await cluster.apply(TestManifests.configMap("unchecked", data: ["a": "1"]))
            let invalid = try await cluster.apply("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: bad}
                webhooks:
                - name: short
                  clientConfig: {url: "https://example.com/mutate"}
                """)
            #expect(invalid.stderr.contains(#"webhooks[0].name: Invalid value: "short": should be a domain with at least three segments separated by dots"#))
            #expect(invalid.stderr.contains("webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun"))
            #expect(invalid.stderr.contains("webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1"))
        }
    }

    /// The aggregator reports an APIService backed by a Service Available only once the Service
    /// has ready endpoints.
    @Test func apiServicesReportTheirBackingService() async throws {
        try await withCluster { cluster in
            try await cluster.apply("""
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1beta1.metrics.example.com}
                spec:
                  group: metrics.example.com
                  version: v1beta1
                  service: {name: metrics, namespace: default}
                  groupPriorityMinimum: 100
                  versionPriority: 100
                  insecureSkipTLSVerify: true
                """)
            func available() async throws -> String {
                try await cluster.kubectl("get", "apiservice", "v1beta1.metrics.example.com", "-o",
                                          #"jsonpath={.status.conditions[?(@.type=="Available")].status}/{.status.conditions[?(@.type=="Available")].reason}"#).stdout
            }
            #expect(try await eventually { try await available() == "False/ServiceNotFound" })
            try await cluster.apply(TestManifests.deployment("metrics", replicas: 1))
            try await cluster.apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: metrics, namespace: default}
                spec:
                  selector: {app: metrics}
                  ports: [{name: https, port: 443, targetPort: 80}]
                """)
            #expect(try await eventually(timeout: .seconds(60)) { try await available() == "True/Passed" })
        }
    }

    /// DELETE answers a Status for most kinds and the object for the registries that return it.
    @Test func deletesAnswerAStatusOrTheDeletedObject() async throws {
        try await withCluster { cluster in
            try await cluster.apply(TestManifests.configMap("gone", data: ["a": "1"]))
            let configMap = try await cluster.curl("/api/v1/namespaces/default/configmaps/gone", method: "DELETE")
            let status = try JSON(parsing: configMap.httpBody)
            #expect(configMap.httpStatus == 200)
            #expect(status["kind"] == "Status" && status["status"] == "Success")
            #expect(status[path: ["details", "name"]] == "gone" && status[path: ["details", "kind"]] == "configmaps")
            #expect(try await cluster.kubectl("create", "serviceaccount", "gone-too").status == 0)
            let account = try await cluster.curl("/api/v1/namespaces/default/serviceaccounts/gone-too", method: "DELETE")
            #expect(try JSON(parsing: account.httpBody)["kind"] == "ServiceAccount")
        }
    }
}

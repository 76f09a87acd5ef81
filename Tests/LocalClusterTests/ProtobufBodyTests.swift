import Foundation
import Manifests
import TestSupport
import Testing
@testable import LocalCluster

/// `kubectl create <kind>` sends protobuf (client-go's typed clients, kubectl 1.32 and 1.33). A real
/// API server decodes protobuf and JSON into the same Go struct, so an object created from a
/// protobuf body must be stored exactly as the same object sent as JSON (`--dry-run=client -o json`
/// piped into `kubectl create -f -`, which sends JSON). Every `kubectl create` subcommand is checked.
@Suite(.serialized) struct ProtobufBodyTests {
    static let binaries = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.32", "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"]

    /// (resource to get, name, `kubectl create` arguments)
    static let creations: [(String, String, [String])] = [
        ("deployment", "web", ["deployment", "web", "--image=nginx:1.25", "--replicas=0", "--port=80"]),
        ("deployment", "two", ["deployment", "two", "--image=nginx:1.25", "--image=redis:7", "--replicas=3"]),
        ("service", "cip", ["service", "clusterip", "cip", "--tcp=80:8080", "--tcp=443"]),
        ("service", "np", ["service", "nodeport", "np", "--tcp=80:8080"]),
        ("service", "lb", ["service", "loadbalancer", "lb", "--tcp=443:https"]),
        ("service", "ext", ["service", "externalname", "ext", "--external-name=example.com"]),
        ("job", "once", ["job", "once", "--image=busybox", "--", "sh", "-c", "echo hi"]),
        ("cronjob", "nightly", ["cronjob", "nightly", "--image=busybox", "--schedule=*/5 * * * *", "--restart=OnFailure", "--", "date"]),
        ("role", "reader", ["role", "reader", "--verb=get,list,watch", "--resource=pods,deployments.apps", "--resource-name=x"]),
        ("rolebinding", "read", ["rolebinding", "read", "--role=reader", "--user=alice", "--serviceaccount=default:bot"]),
        ("clusterrole", "nodes-reader", ["clusterrole", "nodes-reader", "--verb=get", "--resource=nodes", "--non-resource-url=/logs/*"]),
        ("clusterrolebinding", "nodes-read", ["clusterrolebinding", "nodes-read", "--clusterrole=nodes-reader", "--group=ops"]),
        ("resourcequota", "small", ["quota", "small", "--hard=pods=10,requests.cpu=2,requests.memory=1Gi", "--scopes=NotTerminating"]),
        ("poddisruptionbudget", "keep", ["poddisruptionbudget", "keep", "--selector=app=web", "--min-available=1"]),
        ("poddisruptionbudget", "half", ["poddisruptionbudget", "half", "--selector=app=web", "--max-unavailable=50%"]),
        ("ingress", "site", ["ingress", "site", "--class=nginx", "--rule=example.com/api*=api:80,tls=site-tls", "--annotation=a=b"]),
        ("priorityclass", "high", ["priorityclass", "high", "--value=1000", "--description=important", "--preemption-policy=Never"]),
        ("secret", "registry", ["secret", "docker-registry", "registry", "--docker-server=r.example.com", "--docker-username=u", "--docker-password=p"]),
        ("secret", "plain", ["secret", "generic", "plain", "--from-literal=a=1", "--type=example.com/thing"]),
        ("configmap", "settings", ["configmap", "settings", "--from-literal=a=1", "--from-literal=b=two"]),
        ("serviceaccount", "bot", ["serviceaccount", "bot"]),
        ("namespace", "made", ["namespace", "made"]),
    ]

    @Test(arguments: binaries)
    func everyCreateSubcommandStoresWhatTheSameJSONWould(binary: String) async throws {
        try await withCluster { cluster in
            for (resource, name, arguments) in Self.creations {
                let created = try await cluster.kubectl(["create"] + arguments, binary: binary)
                #expect(created.status == 0, "kubectl create \(arguments.joined(separator: " ")): \(created.stderr)")
                let fromProtobuf = try await Self.stored(resource, name, cluster: cluster, binary: binary)
                var dryRun = arguments
                dryRun.insert(contentsOf: ["--dry-run=client", "-o", "json"], at: arguments.firstIndex(of: "--") ?? arguments.count)
                let asJSON = try await cluster.kubectl(["create"] + dryRun, binary: binary)
                #expect(try await cluster.kubectl(["delete", resource, name], binary: binary).status == 0)
                let recreated = try await cluster.kubectl(["create", "-f", "-"], binary: binary, input: asJSON.stdout)
                #expect(recreated.status == 0, "\(recreated.stderr)")
                let fromJSON = try await Self.stored(resource, name, cluster: cluster, binary: binary)
                #expect(fromProtobuf == fromJSON, "kubectl create \(arguments.joined(separator: " "))")
                #expect(try await cluster.kubectl(["delete", resource, name], binary: binary).status == 0)
            }
        }
    }

    @Test func timesIntOrStringsQuantitiesAndBytesKeepTheirJSONForm() async throws {
        try await withCluster { cluster in
            #expect(try await cluster.kubectl("create", "quota", "q", "--hard=cpu=1500m,memory=1Gi").status == 0)
            #expect(try await cluster.kubectl("get", "quota", "q", "-o", "jsonpath={.spec.hard}").stdout == #"{"cpu":"1500m","memory":"1Gi"}"#)
            #expect(try await cluster.kubectl("create", "service", "clusterip", "named", "--tcp=80:web").status == 0)
            #expect(try await cluster.kubectl("get", "svc", "named", "-o", "jsonpath={.spec.ports[0].targetPort}").stdout == "web")
            #expect(try await cluster.kubectl("create", "secret", "generic", "s", "--from-literal=pw=hunter2").status == 0)
            let secret = try await cluster.kubectl("get", "secret", "s", "-o", "jsonpath={.type} {.data.pw}").stdout
            #expect(secret == "Opaque " + Data("hunter2".utf8).base64EncodedString())
            // A pointer field set to zero stays zero (`replicas: 0` is not "unset").
            #expect(try await cluster.kubectl("create", "deployment", "idle", "--image=nginx", "--replicas=0").status == 0)
            #expect(try await cluster.kubectl("get", "deploy", "idle", "-o", "jsonpath={.spec.replicas}").stdout == "0")
        }
    }

    @Test func aBodyThatIsNotProtobufIsABadRequest() async throws {
        try await withCluster { cluster in
            let response = try await cluster.curl("/api/v1/namespaces/default/configmaps", method: "POST",
                                                  headers: ["Content-Type: application/vnd.kubernetes.protobuf"], body: "k8s\u{0}\u{0A}\u{FF}")
            #expect(response.httpStatus == 400)
            #expect(response.httpBody.contains(#""reason":"BadRequest""#))
        }
    }

    /// The stored object less what the server assigns per object (identity, times, addresses).
    static func stored(_ resource: String, _ name: String, cluster: TestCluster, binary: String) async throws -> JSON {
        let result = try await cluster.kubectl(["get", resource, name, "-o", "json", "--show-managed-fields"], binary: binary)
        var object = try JSON(parsing: result.stdout)
        for key in ["uid", "creationTimestamp", "resourceVersion", "managedFields", "generation"] {
            object[path: ["metadata", key]] = nil
        }
        object["status"] = nil
        object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] = nil
        if object[path: ["metadata", "annotations"]]?.objectValue?.isEmpty == true { object[path: ["metadata", "annotations"]] = nil }
        for key in ["clusterIP", "clusterIPs"] { object[path: ["spec", key]] = nil }
        if let ports = object[path: ["spec", "ports"]]?.arrayValue {
            object[path: ["spec", "ports"]] = .array(ports.map { port in var copy = port; copy["nodePort"] = nil; return copy })
        }
        for key in ["controller-uid", "batch.kubernetes.io/controller-uid"] {
            object[path: ["metadata", "labels", key]] = nil
            object[path: ["spec", "selector", "matchLabels", key]] = nil
            object[path: ["spec", "template", "metadata", "labels", key]] = nil
        }
        return object
    }
}

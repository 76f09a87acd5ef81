import Foundation
import Manifests
import Testing
@testable import Reconciler

@Suite struct ServiceAndSecretDiffTests {
    let differ = Differ()

    static let liveService = """
    {
      "apiVersion": "v1", "kind": "Service",
      "metadata": {
        "name": "django", "namespace": "web", "uid": "0d4c0a55-47d8-4d5b-a6f5-7d6b0a1c9e21",
        "resourceVersion": "4170", "creationTimestamp": "2026-11-26T08:00:00Z",
        "labels": {"app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": "develop"}
      },
      "spec": {
        "clusterIP": "10.96.14.7", "clusterIPs": ["10.96.14.7"], "internalTrafficPolicy": "Cluster",
        "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "ports": [
          {"name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443},
          {"name": "http", "port": 80, "protocol": "TCP", "targetPort": 80}
        ],
        "selector": {"app": "django"}, "sessionAffinity": "None", "type": "ClusterIP"
      },
      "status": {"loadBalancer": {}}
    }
    """

    @Test func servicePortsMatchByPortAndDefaultProtocol() {
        let desired: JSON = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "django", "namespace": "web",
                         "labels": ["app.kubernetes.io/managed-by": "mooring", "mooring.dev/environment": "develop"]],
            "spec": ["selector": ["app": "django"],
                     "ports": [["name": "http", "port": 80], ["name": "https", "port": 443, "targetPort": 8443]]],
        ]
        let live = Fixtures.json(ServiceAndSecretDiffTests.liveService)
        #expect(differ.diff(desired: desired, live: live).status == .synced)

        var udp = desired
        udp[path: ["spec", "ports"]] = [["name": "http", "port": 80, "protocol": "UDP"], ["name": "https", "port": 443, "targetPort": 8443]]
        let result = differ.diff(desired: udp, live: live)
        #expect(result.changes.map(\.path.description) == ["spec.ports[port=80,protocol=UDP]"])
        #expect(result.changes.first?.kind == .added)
    }

    static let liveSecret = """
    {
      "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
      "metadata": {"name": "django", "namespace": "web", "uid": "5a1f", "resourceVersion": "4100",
                   "creationTimestamp": "2026-11-26T08:00:00Z",
                   "managedFields": [{"manager": "mooring", "operation": "Apply", "apiVersion": "v1", "fieldsType": "FieldsV1",
                                      "fieldsV1": {"f:data": {"f:SECRET_KEY": {}, "f:DB_PASSWORD": {}}, "f:type": {}}}]},
      "data": {"SECRET_KEY": "czNjcjN0", "DB_PASSWORD": "aHVudGVyMg=="}
    }
    """

    @Test func secretStringDataFoldsIntoDataAndValuesAreMasked() throws {
        let live = Fixtures.json(ServiceAndSecretDiffTests.liveSecret)
        let desired: JSON = [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": ["name": "django", "namespace": "web"],
            "stringData": ["SECRET_KEY": "s3cr3t", "DB_PASSWORD": "hunter2"],
        ]
        #expect(differ.diff(desired: desired, live: live).status == .synced)

        var rotated = desired
        rotated[path: ["stringData", "DB_PASSWORD"]] = "correct horse battery staple"
        rotated[path: ["stringData", "SECRET_KEY"]] = nil
        let result = differ.diff(desired: rotated, live: live)
        #expect(result.status == .outOfSync(.configure))
        #expect(Set(result.changes.map(\.path.description)) == ["data.DB_PASSWORD", "data.SECRET_KEY"])
        let changed = try #require(result.changes.first { $0.kind == .changed })
        #expect(changed.old == SecretMask.hidden)
        #expect(changed.new == SecretMask.changed)
        let removed = try #require(result.changes.first { $0.kind == .removed })
        #expect(removed.old == SecretMask.hidden)

        // Nothing that prints the diff shows a value, encoded or not.
        var dumped = ""
        dump(result, to: &dumped)
        let printed = [result.description, result.debugDescription, String(describing: result), dumped,
                       "\(result.changes)", result.displayDesired!.serialized(), result.displayLive!.serialized()]
        for text in printed {
            for secret in ["hunter2", "aHVudGVyMg==", "correct horse", "s3cr3t", "czNjcjN0",
                           Data("correct horse battery staple".utf8).base64EncodedString()] {
                #expect(!text.contains(secret), "leaked \(secret) in \(text)")
            }
        }
    }

    @Test func finalizersCompareAsASet() {
        let desired: JSON = ["apiVersion": "v1", "kind": "ConfigMap",
                             "metadata": ["name": "a", "namespace": "web", "finalizers": ["x.dev/a", "x.dev/b"]]]
        let live: JSON = ["apiVersion": "v1", "kind": "ConfigMap",
                          "metadata": ["name": "a", "namespace": "web", "finalizers": ["x.dev/b", "other/c", "x.dev/a"]]]
        #expect(differ.diff(desired: desired, live: live).status == .synced)
    }

    @Test func atomicListsAreComparedWholeButDefaultsInsideAreNot() {
        let desired: JSON = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                             "metadata": ["name": "reader", "namespace": "web"],
                             "rules": [["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]]]]
        var live = desired
        live[path: ["metadata", "uid"]] = "u"
        #expect(differ.diff(desired: desired, live: live).status == .synced)
        live["rules"] = [["apiGroups": [""], "resources": ["pods"], "verbs": ["list", "get"]]]
        let result = differ.diff(desired: desired, live: live)
        #expect(result.changes.map(\.path.description) == ["rules"])
    }
}

@Suite struct StringMapDiffTests {
    @Test func emptyStringValuesInStringMapsAreCompared() {
        let desired: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "namespace": "web", "labels": ["tier": ""]],
                             "data": ["EMPTY": "", "A": "1"]]
        var live = desired
        #expect(Differ().diff(desired: desired, live: live).status == .synced)
        live[path: ["data", "EMPTY"]] = nil
        live[path: ["metadata", "labels"]] = nil // the whole map goes: reported once
        let result = Differ().diff(desired: desired, live: live)
        #expect(Set(result.changes.map(\.path.description)) == ["data.EMPTY", "metadata.labels"])
    }

    @Test func liveReadAtAnotherVersionIsTheSameObject() {
        let desired: JSON = ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                             "metadata": ["name": "django", "namespace": "web"], "spec": ["minReplicas": 2, "maxReplicas": 5]]
        var live = desired
        live["apiVersion"] = "autoscaling/v1"
        #expect(Differ().diff(desired: desired, live: live).status == .synced)
    }
}

import Foundation
import Manifests
import Testing
@testable import KubeAPI

/// Every verb against the local cluster over real HTTP, with the kubeconfig it writes.
@Suite struct VerbTests {
    @Test func createGetUpdateDeleteWithTypedErrors() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            let created = try await client.create(configMap("app-config", data: ["color": "blue"]))
            #expect(created[path: ["data", "color"]]?.stringValue == "blue")
            let uid = try #require(created[path: ["metadata", "uid"]]?.stringValue)

            await #expect { try await client.create(configMap("app-config")) } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.reason == .alreadyExists && error.status.code == 409 && error.status.name == "app-config"
            }

            var fetched = try await client.get(.configMap, name: "app-config")
            #expect(fetched[path: ["metadata", "uid"]]?.stringValue == uid)
            let staleVersion = try #require(fetched[path: ["metadata", "resourceVersion"]])
            fetched[path: ["data", "color"]] = "green"
            let updated = try await client.update(fetched)
            #expect(updated[path: ["data", "color"]]?.stringValue == "green")

            // Writing over a version that has moved on is a Conflict.
            var stale = fetched
            stale[path: ["metadata", "resourceVersion"]] = staleVersion
            stale[path: ["data", "color"]] = "red"
            await #expect { try await client.update(stale) } throws: { ($0 as? APIError)?.reason == .conflict }

            try await client.delete(.configMap, name: "app-config", namespace: "default")
            await #expect { try await client.get(.configMap, name: "app-config") } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.reason == .notFound && error.status.message.contains("app-config")
            }
            await #expect { try await client.delete(.configMap, name: "app-config") } throws: { ($0 as? APIError)?.reason == .notFound }
        }
    }

    @Test func invalidObjectCarriesTheServersCauses() async throws {
        try await withCluster { cluster in
            await #expect { try await cluster.client.create(configMap("Not_A_Valid_Name")) } throws: { error in
                guard let error = error as? APIError, error.reason == .invalid else { return false }
                return error.status.code == 422 && error.status.causes.contains { $0.field == "metadata.name" }
            }
        }
    }

    @Test func wrongTokenIsUnauthorized() async throws {
        try await withCluster { cluster in
            let connection = ClusterConnection(server: cluster.server.url, credentials: .bearerToken("not-the-token"))
            let client = KubeClient(connection: connection, options: noRetries)
            await #expect { try await client.list(.configMap) } throws: { ($0 as? APIError)?.reason == .unauthorized }
        }
    }

    @Test func listWithSelectorsAndPaging() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            for index in 0..<7 {
                _ = try await client.create(configMap("item-\(index)", labels: ["tier": index % 2 == 0 ? "web" : "db", "app": "shop"]))
            }
            let web = try await client.list(.configMap, namespace: "default", options: ListOptions(labelSelector: "tier=web,app=shop"))
            #expect(web.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue }.sorted() == ["item-0", "item-2", "item-4", "item-6"])
            #expect(web.items.allSatisfy { $0["kind"]?.stringValue == "ConfigMap" && $0["apiVersion"]?.stringValue == "v1" })
            let notWeb = try await client.list(.configMap, namespace: "default", options: ListOptions(labelSelector: "tier!=web,app"))
            #expect(notWeb.items.count == 3)
            let setBased = try await client.list(.configMap, namespace: "default", options: ListOptions(labelSelector: "tier in (db)"))
            #expect(setBased.items.count == 3)
            let byName = try await client.list(.configMap, namespace: "default", options: ListOptions(fieldSelector: "metadata.name=item-5"))
            #expect(byName.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["item-5"])

            let first = try await client.list(.configMap, namespace: "default", options: ListOptions(labelSelector: "app=shop", limit: 3))
            #expect(first.items.count == 3)
            let token = try #require(first.continueToken)
            let second = try await client.list(.configMap, namespace: "default", options: ListOptions(labelSelector: "app=shop", limit: 3, continueToken: token))
            #expect(second.items.count == 3)
            #expect(Set(first.items.map { $0[path: ["metadata", "name"]] }).isDisjoint(with: second.items.map { $0[path: ["metadata", "name"]] }))
            let all = try await client.listAll(.configMap, namespace: "default", labelSelector: "app=shop", pageSize: 2)
            #expect(all.items.count == 7)
            #expect(all.continueToken == nil)
            #expect(!all.resourceVersion.isEmpty)
            // All namespaces: nil namespace.
            _ = try await client.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "other"]])
            _ = try await client.create(configMap("elsewhere", namespace: "other", labels: ["app": "shop"]))
            #expect(try await client.listAll(.configMap, labelSelector: "app=shop").items.count == 8)
        }
    }

    @Test func dryRunPersistsNothing() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            let answer = try await client.create(configMap("dry"), dryRun: true)
            #expect(answer[path: ["metadata", "name"]]?.stringValue == "dry")
            await #expect { try await client.get(.configMap, name: "dry") } throws: { ($0 as? APIError)?.reason == .notFound }
            _ = try await client.apply(configMap("dry"), dryRun: true)
            await #expect { try await client.get(.configMap, name: "dry") } throws: { ($0 as? APIError)?.reason == .notFound }
            _ = try await client.create(configMap("kept"))
            try await client.delete(.configMap, name: "kept", dryRun: true)
            #expect(try await client.get(.configMap, name: "kept")[path: ["metadata", "name"]]?.stringValue == "kept")
            var changed = try await client.get(.configMap, name: "kept")
            changed[path: ["data", "k"]] = "changed"
            _ = try await client.update(changed, dryRun: true)
            #expect(try await client.get(.configMap, name: "kept")[path: ["data", "k"]]?.stringValue == "v")
        }
    }

    @Test func serverSideApplyCreatesThenUpdates() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            let first = try await client.apply(configMap("applied", labels: ["app": "web"], data: ["a": "1"]), fieldManager: "mooring")
            #expect(first[path: ["data", "a"]]?.stringValue == "1")
            let second = try await client.apply(configMap("applied", labels: ["app": "web"], data: ["a": "2"]), fieldManager: "mooring", force: true)
            #expect(second[path: ["data", "a"]]?.stringValue == "2")
            #expect(second[path: ["metadata", "uid"]] == first[path: ["metadata", "uid"]])
            let live = try await client.get(.configMap, name: "applied")
            #expect(live[path: ["data", "a"]]?.stringValue == "2")
        }
    }

    @Test func mergeAndStrategicMergePatches() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            _ = try await client.create(configMap("patched", data: ["keep": "1", "drop": "2"]))
            let merged = try await client.patch(.configMap, name: "patched", patch: ["data": ["drop": nil, "add": "3"]], patchType: .merge)
            #expect(merged["data"] == ["keep": "1", "add": "3"])
            _ = try await client.create(deployment("web"))
            let strategic = try await client.patch(.deployment, name: "web", patch: ["spec": ["replicas": 3]], patchType: .strategicMerge)
            #expect(strategic[path: ["spec", "replicas"]]?.intValue == 3)
            #expect(try await client.get(.deployment, name: "web")[path: ["spec", "replicas"]]?.intValue == 3)
        }
    }

    @Test func jsonPatchOperations() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            _ = try await client.create(configMap("ops", data: ["a": "1"]))
            let operations: JSON = [["op": "test", "path": "/data/a", "value": "1"],
                                    ["op": "replace", "path": "/data/a", "value": "9"], ["op": "add", "path": "/data/b", "value": "2"]]
            let patched = try await client.patch(.configMap, name: "ops", patch: operations, patchType: .json)
            #expect(patched["data"] == ["a": "9", "b": "2"])
            // A failed `test` operation rejects the whole patch.
            await #expect {
                try await client.patch(.configMap, name: "ops", patch: [["op": "test", "path": "/data/a", "value": "1"]], patchType: .json)
            } throws: { $0 is APIError }
        }
    }

    /// Strategic merge merges the containers list by name; a JSON merge patch replaces the list.
    @Test func strategicMergeMergesListsByKey() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            _ = try await client.create(deployment("lists"))
            let patch: JSON = ["spec": ["template": ["spec": ["containers": [["name": "sidecar", "image": "busybox:2"]]]]]]
            let strategic = try await client.patch(.deployment, name: "lists", patch: patch, patchType: .strategicMerge)
            let containers = strategic[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
            #expect(containers.compactMap { $0["name"]?.stringValue } == ["main", "sidecar"])
            #expect(containers.last?["image"]?.stringValue == "busybox:2")
            let merged = try await client.patch(.deployment, name: "lists", patch: patch, patchType: .merge)
            #expect(merged[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["sidecar"])
        }
    }

    @Test func serverSideApplyConflictsBetweenManagers() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            _ = try await client.apply(configMap("owned", data: ["shared": "from-mooring"]), fieldManager: "mooring")
            await #expect {
                try await client.apply(configMap("owned", data: ["shared": "from-other"]), fieldManager: "other-tool")
            } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.reason == .conflict && error.status.causes.contains { $0.field.contains("shared") || $0.message.contains("mooring") }
            }
            let forced = try await client.apply(configMap("owned", data: ["shared": "from-other"]), fieldManager: "other-tool", force: true)
            #expect(forced[path: ["data", "shared"]]?.stringValue == "from-other")
            let managers = (forced[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue }
            #expect(managers.contains("other-tool"))
        }
    }

    @Test func deleteWithPreconditionsAndPropagation() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            let created = try await client.create(configMap("guarded"))
            await #expect {
                try await client.delete(.configMap, name: "guarded", preconditions: Preconditions(uid: "not-its-uid"))
            } throws: { ($0 as? APIError)?.reason == .conflict }
            let uid = created[path: ["metadata", "uid"]]?.stringValue
            // Foreground: the answer is the object, held by the foregroundDeletion finalizer until its dependents are gone.
            let answer = try await client.delete(.configMap, name: "guarded", propagationPolicy: .foreground, preconditions: Preconditions(uid: uid))
            #expect(answer[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])
            #expect(answer[path: ["metadata", "deletionTimestamp"]] != nil)
            let identity = ObjectIdentity(type: .configMap, namespace: "default", name: "guarded")
            try await client.waitUntilGone(identity, timeout: .seconds(10))
            #expect(try await client.getIfExists(identity) == nil)
            await #expect {
                _ = try await client.create(configMap("x"))
                try await client.delete(.configMap, name: "x", propagationPolicy: nil, preconditions: Preconditions(resourceVersion: "1"))
            } throws: { ($0 as? APIError)?.reason == .conflict }
        }
    }

    @Test func statusSubresource() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            _ = try await client.create(deployment("statusful"))
            // The cluster's deployment controller writes status too: on a Conflict, read again and retry.
            var updated: JSON?
            for _ in 0..<10 where updated == nil {
                var object = try await client.getStatus(.deployment, name: "statusful")
                #expect(object[path: ["metadata", "name"]]?.stringValue == "statusful")
                object[path: ["status", "conditions"]] = [["type": "Progressing", "status": "True", "reason": "Testing"]]
                object[path: ["spec", "replicas"]] = 7
                do { updated = try await client.updateStatus(object) } catch let error as APIError where error.reason == .conflict {}
            }
            #expect(updated?[path: ["status", "conditions"]]?[0]?["reason"]?.stringValue == "Testing")
            // Through /status the spec does not change.
            #expect(try await client.get(.deployment, name: "statusful")[path: ["spec", "replicas"]]?.intValue == 1)
        }
    }

    @Test func discoveryMapsKindsAndFindsANewCRD() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            let deployments = try await client.resource(for: .deployment)
            #expect(deployments.resource == "deployments" && deployments.namespaced)
            let namespaces = try await client.resource(for: .namespace)
            #expect(namespaces.resource == "namespaces" && !namespaces.namespaced)
            #expect(try await client.restMapper().resource(for: GroupKind(group: "apps", kind: "Deployment"))?.type.version == "v1")
            let widget = GroupVersionKind(group: "example.mooring.dev", version: "v1", kind: "Widget")
            await #expect { try await client.resource(for: widget) } throws: { ($0 as? KubeClientError) == .unknownKind(widget) }
            _ = try await client.create([
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": "widgets.example.mooring.dev"],
                "spec": [
                    "group": "example.mooring.dev", "scope": "Namespaced",
                    "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
                    "versions": [["name": "v1", "served": true, "storage": true,
                                  "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]]]],
                ],
            ])
            // The mapper knew no Widget; one fresh discovery finds it (allowing the CRD a moment to be established).
            var mapped: APIResource?
            for _ in 0..<50 where mapped == nil {
                mapped = try? await client.resource(for: widget)
                if mapped == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(mapped?.resource == "widgets")
            let created = try await client.create(["apiVersion": "example.mooring.dev/v1", "kind": "Widget", "metadata": ["name": "w1"], "spec": ["size": 3]])
            #expect(created[path: ["spec", "size"]]?.intValue == 3)
        }
    }

    @Test func legacyDiscoveryParsesResourceLists() async throws {
        try await withCluster { cluster in
            let core = try await cluster.client.getJSON("/api/v1")
            let resources = DiscoveryClient.readLegacy(core, groupVersion: "v1")
            let configMaps = try #require(resources.first { $0.resource == "configmaps" })
            #expect(configMaps.type == .configMap && configMaps.namespaced)
            #expect(!resources.contains { $0.resource.contains("/") })
        }
    }

    @Test func waitingForAFinalizerToLetGo() async throws {
        try await withCluster { cluster in
            let client = cluster.client
            var held = configMap("held")
            held[path: ["metadata", "finalizers"]] = ["example.com/hold"]
            _ = try await client.create(held)
            let identity = ObjectIdentity(type: .configMap, namespace: "default", name: "held")
            try await client.delete(identity)
            #expect(try await client.getIfExists(identity)?[path: ["metadata", "deletionTimestamp"]] != nil)
            await #expect { try await client.waitUntilGone(identity, timeout: .milliseconds(300)) } throws: { error in
                guard case .timedOut(let what)? = error as? KubeClientError else { return false }
                return what.contains("held")
            }
            let waiter = Task { try await client.waitUntilGone(identity, timeout: .seconds(10)) }
            try await Task.sleep(for: .milliseconds(100))
            _ = try await client.patch(.configMap, name: "held", patch: ["metadata": ["finalizers": nil]], patchType: .merge)
            try await waiter.value
            #expect(try await client.getIfExists(identity) == nil)
            #expect(try await client.isNamespaced(GroupKind(group: "apps", kind: "Deployment")) == true)
            #expect(try await client.isNamespaced(GroupKind(group: "", kind: "Namespace")) == false)
            #expect(try await client.isNamespaced(GroupKind(group: "nowhere.example", kind: "Thing")) == nil)
        }
    }
}

import Testing
@testable import MergePatch
import Manifests

/// Server-side apply as documented in reference/using-api/server-side-apply.md (conflicts,
/// shared ownership, field removal, forcing) and implemented by structured-merge-diff
/// merge/update.go (Updater.Apply / Updater.Update) and apiserver's fieldmanager.
@Suite struct PatchServerSideApplyTests {
    let ssa = ServerSideApply(schema: KubeTestSchema.deployment)
    let t0 = "2026-11-26T08:00:00Z"
    let t1 = "2026-11-26T09:00:00Z"

    func deployment(replicas: Int64 = 2, image: String = "nginx:1.27", labels: String = #"{"app":"web"}"#) -> JSON {
        json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":\#(labels)},
             "spec":{"replicas":\#(replicas),"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"\#(image)"}]}}}}
            """#)
    }

    func entries(_ object: JSON) throws -> [ManagedFieldsEntry] { try ManagedFields(of: object).entries }

    func applied(_ config: JSON, to live: JSON?, manager: String = "mooring", force: Bool = false, at time: String? = nil) throws -> ServerSideApply<OpenAPISchemaNode>.Result {
        try ssa.apply(config, to: live, manager: manager, force: force, now: time ?? t0)
    }

    func conflicts(_ body: () throws -> Void) -> ApplyConflicts? {
        do { try body(); return nil } catch ServerSideApplyError.conflicts(let found) { return found } catch { return nil }
    }

    /// Creating by apply: the object is the configuration, owned by one Apply entry whose
    /// FieldsV1 leaves out server fields (name, namespace, apiVersion, kind).
    @Test func createByApply() throws {
        let result = try applied(deployment(), to: nil)
        #expect(result.changedObject)
        let list = try entries(result.object)
        #expect(list.count == 1)
        #expect(list[0].manager == "mooring" && list[0].operation == .apply && list[0].apiVersion == "apps/v1" && list[0].time == t0)
        #expect(list[0].fields.fieldsV1Text == #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)
        #expect(ServerFields.withoutManagedFields(result.object) == deployment())
        #expect(result.object[path: ["metadata", "managedFields"]]?[0]?.objectValue?.keys == ["manager", "operation", "apiVersion", "time", "fieldsType", "fieldsV1"])
    }

    /// "An apply that changes nothing" keeps the object byte for byte, time included.
    @Test func noOpApplyKeepsObject() throws {
        let first = try applied(deployment(), to: nil).object
        let again = try applied(deployment(), to: first, at: t1)
        #expect(!again.changed && !again.changedObject)
        #expect(again.object.serialized() == first.serialized())
    }

    /// Docs, "Conflicts": another manager (here kubectl's client-side apply, an Update) owns
    /// `.spec.replicas`; applying a different value fails with the server's message.
    @Test func conflictWithUpdater() throws {
        let created = try ssa.update(from: nil, to: deployment(replicas: 3), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", now: t0)
        let found = conflicts { _ = try applied(deployment(replicas: 5), to: created) }
        #expect(found?.message == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas"#)
        #expect(found?.conflicts.first?.field == ".spec.replicas")
        #expect(found?.conflicts.first?.causeMessage == #"conflict with "kubectl-client-side-apply" using apps/v1"#)
    }

    /// Docs: applying the same value another manager set is not a conflict; both own it.
    @Test func sameValueIsSharedOwnership() throws {
        let created = try ssa.update(from: nil, to: deployment(replicas: 3), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", now: t0)
        let result = try applied(deployment(replicas: 3), to: created, at: t1)
        #expect(!result.changedObject)
        let owners = try entries(result.object).filter { $0.fields.contains([.field("spec"), .field("replicas")]) }.map(\.manager)
        #expect(owners.sorted() == ["kubectl-client-side-apply", "mooring"])
    }

    /// Two appliers and several conflicts: the multi-conflict message lists each manager's paths.
    @Test func multipleConflictsMessage() throws {
        let first = try applied(deployment(replicas: 3, image: "nginx:1"), to: nil, manager: "alice").object
        let found = conflicts { _ = try applied(deployment(replicas: 4, image: "nginx:2"), to: first, manager: "bob") }
        #expect(found?.message == """
            Apply failed with 2 conflicts: conflicts with "alice":
            - .spec.replicas
            - .spec.template.spec.containers[name="web"].image
            """)
    }

    /// Docs, "Conflicts": `force` takes ownership; the other manager loses the field.
    @Test func forceTakesOwnership() throws {
        let created = try ssa.update(from: nil, to: deployment(replicas: 3), manager: "kubectl-client-side-apply", apiVersion: "apps/v1", now: t0)
        let result = try applied(deployment(replicas: 5), to: created, force: true, at: t1)
        #expect(result.object[path: ["spec", "replicas"]] == 5)
        let list = try entries(result.object)
        let kubectl = list.first { $0.manager == "kubectl-client-side-apply" }
        #expect(kubectl != nil && kubectl?.fields.contains([.field("spec"), .field("replicas")]) == false)
        #expect(list.first { $0.manager == "mooring" }?.fields.contains([.field("spec"), .field("replicas")]) == true)
        #expect(list.first?.operation == .apply)  // Apply entries are written first
    }

    /// Docs, "Field management" / removal: a field the manager applied before and no longer
    /// applies is removed when nobody else owns it.
    @Test func fieldsNoLongerAppliedAreRemoved() throws {
        let first = try applied(deployment(labels: #"{"app":"web","tier":"frontend"}"#), to: nil).object
        let second = try applied(deployment(labels: #"{"app":"web"}"#), to: first, at: t1)
        #expect(second.object[path: ["metadata", "labels"]] == json(#"{"app":"web"}"#))
        #expect(second.object[path: ["metadata", "name"]] == "web")
        #expect(try entries(second.object)[0].fields.contains([.field("metadata"), .field("labels"), .field("tier")]) == false)
    }

    /// ...but kept when another manager owns it too.
    @Test func fieldsOwnedByOthersAreKept() throws {
        let first = try applied(deployment(labels: #"{"app":"web","tier":"frontend"}"#), to: nil).object
        let shared = try applied(json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"tier":"frontend"}}}"#), to: first, manager: "other").object
        let result = try applied(deployment(labels: #"{"app":"web"}"#), to: shared, at: t1)
        #expect(result.object[path: ["metadata", "labels"]] == json(#"{"app":"web","tier":"frontend"}"#))
    }

    /// Removing a whole container the manager stopped applying.
    @Test func removedListMapItem() throws {
        var twoContainers = deployment()
        twoContainers[path: ["spec", "template", "spec", "containers"]] = json(#"[{"name":"web","image":"a"},{"name":"log","image":"b"}]"#)
        let first = try applied(twoContainers, to: nil).object
        let result = try applied(deployment(image: "a"), to: first, at: t1)
        #expect(result.object[path: ["spec", "template", "spec", "containers"]] == json(#"[{"name":"web","image":"a"}]"#))
    }

    /// List maps merge by key: a container added by another writer stays, in its place.
    @Test func listMapMergeKeepsOthersItems() throws {
        let first = try applied(deployment(image: "a"), to: nil).object
        var injected = first
        injected[path: ["spec", "template", "spec", "containers"]] = json(#"[{"name":"web","image":"a"},{"name":"sidecar","image":"envoy"}]"#)
        let afterInjection = try ssa.update(from: first, to: injected, manager: "injector", apiVersion: "apps/v1", now: t0)
        let result = try applied(deployment(image: "b"), to: afterInjection, at: t1)
        #expect(result.object[path: ["spec", "template", "spec", "containers"]] == json(#"[{"name":"web","image":"b"},{"name":"sidecar","image":"envoy"}]"#))
        let injector = try entries(result.object).first { $0.manager == "injector" }
        #expect(injector?.fields.fieldsV1Text == #"{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"sidecar\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)
    }

    /// An ordinary update (`kubectl scale` / edit) makes its manager owner of what it changed and
    /// takes the field from the applier, so the next apply of a different value conflicts.
    @Test func updateTakesOwnershipFromApplier() throws {
        let first = try applied(deployment(replicas: 2), to: nil).object
        var scaled = first
        scaled[path: ["spec", "replicas"]] = 7
        let afterScale = try ssa.update(from: first, to: scaled, manager: "kubectl", apiVersion: "apps/v1", subresource: "scale", now: t1)
        let list = try entries(afterScale)
        #expect(list.map(\.manager) == ["mooring", "kubectl"])
        #expect(list[1].fields.fieldsV1Text == #"{"f:spec":{"f:replicas":{}}}"#)
        #expect(list[1].subresource == "scale" && list[1].time == t1)
        #expect(list[0].fields.contains([.field("spec"), .field("replicas")]) == false)
        #expect(afterScale[path: ["metadata", "managedFields"]]?[1]?["subresource"] == "scale")
        let found = conflicts { _ = try applied(deployment(replicas: 2), to: afterScale) }
        #expect(found?.message == #"Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas"#)
    }

    /// Creating with an ordinary write: maps that appear get a `.` marker (compare's "added").
    @Test func createByUpdateMarksNewMaps() throws {
        let configMap = json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","labels":{"app":"web"}},"data":{"key":"v"}}"#)
        let created = try ServerSideApply(schema: KubeTestSchema.configMap).update(from: nil, to: configMap, manager: "kubectl-create", apiVersion: "v1", now: t0)
        let list = try entries(created)
        #expect(list.count == 1 && list[0].operation == .update)
        #expect(list[0].fields.fieldsV1Text == #"{"f:data":{".":{},"f:key":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}"#)
    }

    /// Status is reset on the main resource: applying it owns nothing there.
    @Test func statusIsNotOwnedThroughMainResource() throws {
        var withStatus = deployment()
        withStatus["status"] = json(#"{"replicas":2}"#)
        let result = try applied(withStatus, to: nil)
        #expect(try entries(result.object)[0].fields.touches(.field("status")) == false)
    }

    @Test func managedFieldsInConfigAreRejected() {
        var config = deployment()
        config[path: ["metadata", "managedFields"]] = json("[]")
        #expect(throws: ServerSideApplyError.invalidManagedFields("metadata.managedFields must be nil")) {
            _ = try applied(config, to: nil)
        }
    }

    /// Service ports are keyed by port and protocol; a second apply adding a port merges.
    @Test func servicePortsByPortAndProtocol() throws {
        let service = ServerSideApply(schema: KubeTestSchema.service)
        let svc = json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"selector":{"app":"web"},"ports":[{"port":80,"targetPort":8080}]}}"#)
        let created = try service.apply(svc, to: nil, manager: "mooring", force: false, now: t0).object
        let entry = try entries(created)[0]
        #expect(entry.fields.contains([.field("spec"), .field("ports"), .key([("port", 80), ("protocol", "TCP")]), .field("targetPort")]))
        let other = json(#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":443,"targetPort":8443}]}}"#)
        let merged = try service.apply(other, to: created, manager: "tls", force: false, now: t1).object
        #expect(merged[path: ["spec", "ports"]] == json(#"[{"port":80,"targetPort":8080},{"port":443,"targetPort":8443}]"#))
    }

    /// A stored object keeps its bytes on a no-op apply even when `managedFields` is not the
    /// last metadata key, so the server can leave `resourceVersion` alone.
    @Test func noOpApplyKeepsStoredKeyOrder() throws {
        let first = try applied(deployment(), to: nil).object
        var metadata = try #require(first["metadata"]?.objectValue)
        let managed = try #require(metadata["managedFields"])
        metadata.removeValue(forKey: "managedFields")
        var reordered = JSONObject()
        reordered["managedFields"] = managed
        for (key, value) in metadata { reordered[key] = value }
        var stored = first
        stored["metadata"] = .object(reordered)
        let again = try applied(deployment(), to: stored, at: t1)
        #expect(!again.changed)
        #expect(again.object.serialized() == stored.serialized())
    }

    /// managedFields are written Apply first, then by time and manager (fieldmanager's sort).
    @Test func managedFieldsOrder() {
        let fields = FieldSet(paths: [[.field("data"), .field("a")]])
        let list = ManagedFields(entries: [
            ManagedFieldsEntry(manager: "z", operation: .update, apiVersion: "v1", time: "2026-01-01T00:00:00Z", fields: fields),
            ManagedFieldsEntry(manager: "b", operation: .update, apiVersion: "v1", time: "2025-01-01T00:00:00Z", fields: fields),
            ManagedFieldsEntry(manager: "y", operation: .apply, apiVersion: "v1", time: "2027-01-01T00:00:00Z", fields: fields),
        ])
        #expect(list.sorted.map(\.manager) == ["y", "b", "z"])
    }

    /// An entry read from a stored object and written back is unchanged.
    @Test func managedFieldsEntryRoundTrip() throws {
        let text = #"{"manager":"kubectl","operation":"Update","apiVersion":"v1","time":"2026-11-26T08:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:key":{}}},"subresource":"status"}"#
        let entry = try ManagedFieldsEntry(json: json(text))
        #expect(entry.json.serialized() == text)
        #expect(entry.displayName == #""kubectl" with subresource "status" using v1"#)
    }

    /// Creating a Deployment with an ordinary write: non-pointer structs (`spec`, `template`,
    /// `strategy`) exist in the empty Go object so they get no `.`; `rollingUpdate` and the
    /// labels map are new and do, as in the managed fields `kubectl create` leaves.
    @Test func createDeploymentByUpdate() throws {
        var created = deployment()
        created[path: ["spec", "strategy"]] = json(#"{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}"#)
        let object = try ssa.update(from: nil, to: created, manager: "kubectl-create", apiVersion: "apps/v1", now: t0)
        let entry = try #require(try entries(object).first)
        #expect(entry.fields.fieldsV1Text == #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}"#)
    }
}

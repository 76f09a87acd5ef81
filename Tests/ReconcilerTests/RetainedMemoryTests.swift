import Foundation
@testable import Manifests
import Testing
@testable import Reconciler

/// What `mooring run` keeps between passes is smaller than what a pass computes (issue 14: peak
/// RSS at 10,000 tracked objects), and each saving leaves the answers as they were.
@Suite struct RetainedMemoryTests {
    var desired: JSON { Fixtures.json(Fixtures.desiredDeployment) }
    var live: JSON { Fixtures.json(Fixtures.liveDeployment) }

    /// The memo rebuilds an in-sync verdict from the desired object, the live resourceVersion
    /// and, when `ignoreDifferences` made them differ, what the apply sends: the verdict read
    /// back is the one the diff gave.
    @Test func aRememberedVerdictIsTheOneTheDiffGaveWithIgnoredFieldsKeptLive() throws {
        var scaled = live
        scaled[path: ["spec", "replicas"]] = 5
        let differ = Differ(ignoreDifferences: [IgnoreDifferenceRule(group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"])])
        let memo = DiffMemo()
        let diff = try differ.diff(environment: "develop", revision: "r1", desired: [desired], live: [scaled], memo: memo)
        let given = try #require(diff.objects.first)
        #expect(given.status == .synced)
        memo.remember(diff, desired: [desired])
        #expect(memo.count == 1)

        let recalled = try #require(memo.verdict(desired: desired, live: scaled))
        #expect(recalled.identity == given.identity)
        #expect(recalled.status == .synced && recalled.changes.isEmpty && !recalled.needsDryRunConfirmation)
        #expect(recalled.desired == given.desired)
        #expect(recalled.desired?[path: ["spec", "replicas"]] == 5, "the apply keeps the live value of the ignored field")
        #expect(recalled.live == scaled)
        #expect(recalled.conflict == nil && recalled.contents == nil)

        // Without an ignore rule what the apply sends is the desired object itself.
        let plainMemo = DiffMemo()
        let plain = try Differ().diff(environment: "develop", revision: "r1", desired: [desired], live: [live], memo: plainMemo)
        #expect(plain.objects.map(\.status) == [.synced])
        plainMemo.remember(plain, desired: [desired])
        #expect(plainMemo.count == 1)
        #expect(plainMemo.verdict(desired: desired, live: live)?.desired == desired)

        // A live object at another resourceVersion is diffed afresh.
        var edited = scaled
        edited[path: ["metadata", "resourceVersion"]] = "999999"
        #expect(memo.verdict(desired: desired, live: edited) == nil)
    }

    /// A pass's desired object equal to the last pass's becomes that one: two passes hold one copy.
    @Test func anUnchangedDesiredObjectIsTheLastPasssOwn() throws {
        let memo = DiffMemo()
        let wanted = desired
        let diff = try Differ().diff(environment: "develop", revision: "r1", desired: [wanted], live: [live], memo: memo)
        memo.remember(diff, desired: [wanted])
        let held = try #require(wanted.objectValue)

        var next = [Fixtures.json(Fixtures.desiredDeployment)]  // parsed again: equal, not the same
        #expect(!(next[0].objectValue!.sharesStorage(with: held)))
        memo.share(&next)
        #expect(next[0].objectValue!.sharesStorage(with: held), "replaced by the remembered one")

        var changed = [wanted]
        changed[0][path: ["spec", "replicas"]] = 7
        memo.share(&changed)
        #expect(changed[0][path: ["spec", "replicas"]] == 7, "a changed object stays as it is")
    }

    /// `conflict` and `contents` are stored apart from the verdict (few have them); reading and
    /// writing them is as with stored properties.
    @Test func aVerdictsConflictAndNamespaceContentsReadBackAsWritten() {
        var diff = ObjectDiff(identity: ObjectIdentity(of: desired)!, status: .synced, desired: desired, live: nil)
        #expect(diff.conflict == nil && diff.contents == nil)
        let conflict = OwnershipConflict(identity: diff.identity, reason: .ownedBy(Owner(installation: "default", environment: "master")),
                                         environment: "develop")
        diff.conflict = conflict
        let contents = NamespaceContents(foreign: [diff.identity])
        diff.contents = contents
        #expect(diff.conflict == conflict && diff.contents == contents)
        let copy = diff
        diff.conflict = nil
        #expect(diff.conflict == nil && diff.contents == contents, "clearing one keeps the other")
        #expect(copy.conflict == conflict, "a copy keeps its own")
        diff.contents = nil
        #expect(diff.conflict == nil && diff.contents == nil)
    }

    /// Stamping in place (a pass's own prepared objects) gives what stamping a copy gives.
    @Test func stampingInPlaceMatchesStampingACopy() {
        let policy = OwnershipPolicy(owner: Owner(installation: "default", environment: "develop"))
        var other = live
        other[path: ["metadata", "name"]] = "elsewhere"
        let objects = [desired, other]
        let copied = policy.stamp(objects, live: [ObjectIdentity(of: live)!: live])
        var inPlace = objects
        policy.stamp(&inPlace, live: [ObjectIdentity(of: live)!: live])
        #expect(inPlace == copied)
        #expect(inPlace[1][path: ["metadata", "annotations", Tracking.originAnnotation]] == "created")
        #expect(objects[1][path: ["metadata", "annotations", Tracking.originAnnotation]] == nil, "the caller's copy is untouched")
    }
}

/// The render cache keeps renderings without their objects' field lines; an error about a field
/// renders the revision afresh to name the field's line.
@Suite struct RenderedFieldLinesTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        spec:
          replica: 2
          selector: {matchLabels: {app: web}}
        """

    @Test func theCacheKeepsARenderingWithoutFieldLinesAndRendersThemAfreshOnRequest() async throws {
        let repository = try await KustomizeRepository.make(["environments/develop/web.yaml": Self.deployment])
        defer { try? FileManager.default.removeItem(atPath: repository.root) }
        let source = try await repository.source()
        let revision = try await source.resolve(nil)

        let first = try await source.render(revision: revision, path: "environments/develop")
        #expect(first.objects[0].location(ofField: "spec.replica").line == 7, "the rendering that fills the cache is whole")
        let cached = try await source.render(revision: revision, path: "environments/develop")
        #expect(cached.objects[0].fieldLines.isEmpty, "the cache keeps no field lines")
        #expect(cached.objects[0].location(ofField: "spec.replica").line == 1, "without them a field is placed at its object")
        #expect(cached.objects[0].object == first.objects[0].object)

        let located = try await source.renderWithFieldLines(revision: revision, path: "environments/develop")
        #expect(located.objects[0].location(ofField: "spec.replica").line == 7)
        #expect(located.objects[0].location(ofField: "spec.selector.matchLabels.app").line == 8)
    }

    @Test func withoutFieldLinesSharesTheObjectsAndKeepsSourcesAndWarnings() throws {
        let rendered = try ManifestRenderer.render(files: [.file("env/web.yaml", Self.deployment)],
                                                   environmentPath: "env")
        let kept = rendered.withoutFieldLines()
        #expect(kept.objects.allSatisfy { $0.fieldLines.isEmpty })
        #expect(!rendered.objects[0].fieldLines.isEmpty)
        #expect(kept.objects.map(\.object) == rendered.objects.map(\.object))
        #expect(kept.objects.map(\.source) == rendered.objects.map(\.source))
        #expect(kept.warnings.count == rendered.warnings.count)
    }
}

/// The live cache keeps a claimed object without the last-applied annotation and without other
/// managers' managedFields entries; diffs against what it keeps find what they found before.
@Suite struct CachedFormTests {
    let differ = Differ()
    var desired: JSON { Fixtures.json(Fixtures.desiredDeployment) }
    /// The live Deployment (entries of mooring's Apply and kube-controller-manager's status
    /// Update) with a `kubectl apply` annotation and a `kubectl-edit` entry besides.
    var live: JSON {
        var object = Fixtures.json(Fixtures.liveDeployment)
        object[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] = .string(#"{"apiVersion":"apps/v1","kind":"Deployment"}"#)
        var entries = object[path: ["metadata", "managedFields"]]!.arrayValue!
        entries.append(["manager": "kubectl-edit", "operation": "Update", "apiVersion": "apps/v1", "fieldsType": "FieldsV1",
                        "fieldsV1": ["f:spec": ["f:replicas": [:]]]])
        object[path: ["metadata", "managedFields"]] = .array(entries)
        return object
    }

    @Test func aClaimedObjectIsKeptWithoutTheAnnotationAndOtherManagersEntries() throws {
        let kept = CachedForm.of(live)
        #expect(kept[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] == nil)
        let managers = try #require(kept[path: ["metadata", "managedFields"]]?.arrayValue).map { $0["manager"]?.stringValue }
        #expect(managers == ["mooring"], "only mooring's Apply entry is kept")
        #expect(ManagedFieldsRemovals.ownedFields(in: kept) == ManagedFieldsRemovals.ownedFields(in: live))
        var rest = kept, whole = live
        rest[path: ["metadata", "managedFields"]] = nil
        whole[path: ["metadata", "managedFields"]] = nil
        whole[path: ["metadata", "annotations", Tracking.lastAppliedAnnotation]] = nil
        #expect(rest == whole, "nothing else is taken out: status, spec and the rest of metadata stay")
    }

    @Test func anObjectNoEnvironmentClaimsIsKeptWhole() {
        var unclaimed = live
        unclaimed[path: ["metadata", "labels", Tracking.environmentLabel]] = nil
        #expect(CachedForm.of(unclaimed) == unclaimed, "it may be adopted, which reads what trimming would take")
        let plain = Fixtures.json(Fixtures.liveDeployment)
        #expect(CachedForm.of(plain) != plain, "kube-controller-manager's entry goes")
    }

    @Test func diffsAgainstTheKeptFormFindWhatTheyFoundAgainstTheWholeObject() {
        // In sync, and fields another manager set are no removals either way.
        #expect(differ.diff(desired: desired, live: CachedForm.of(live)).status == .synced)
        #expect(differ.diff(desired: desired, live: live).status == .synced)

        // A field mooring applied that the revision drops is still found: its Apply entry stays.
        var trimmed = desired
        trimmed[path: ["metadata", "labels", "app"]] = nil
        let fromCache = differ.diff(desired: trimmed, live: CachedForm.of(live))
        #expect(fromCache.changes.map(\.path.description) == ["metadata.labels.app"])
        #expect(fromCache.changes.map(\.description) == differ.diff(desired: trimmed, live: live).changes.map(\.description))

        // Drift in a field another manager owns (a `kubectl scale`) is found as before.
        var scaled = live
        scaled[path: ["spec", "replicas"]] = 5
        #expect(differ.diff(desired: desired, live: CachedForm.of(scaled)).changes.map(\.description) == ["spec.replicas: 5 → 2"])
    }
}

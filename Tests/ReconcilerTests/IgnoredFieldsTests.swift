import Manifests
import Testing
@testable import Reconciler

@Suite struct IgnoredFieldsTests {
    @Test func pointersFollowRFC6901() {
        #expect(IgnoreDifferenceRule.tokens(of: "/metadata/annotations/checksum~1config") == ["metadata", "annotations", "checksum/config"])
        #expect(IgnoreDifferenceRule.tokens(of: "/a~0b") == ["a~b"])
        #expect(IgnoreDifferenceRule.tokens(of: "spec/replicas") == nil)

        let object: JSON = ["metadata": ["annotations": ["checksum/config": "abc", "keep": "1"]],
                            "spec": ["containers": [["name": "a", "image": "x"], ["name": "b", "image": "y"]]]]
        let removed = IgnoredFields.removing([["metadata", "annotations", "checksum/config"], ["spec", "containers", "1", "image"]], from: object)
        #expect(removed[path: ["metadata", "annotations"]] == ["keep": "1"])
        #expect(removed[path: ["spec", "containers"]] == [["name": "a", "image": "x"], ["name": "b"]])
        let every = IgnoredFields.removing([["spec", "containers", "*", "image"]], from: object)
        #expect(every[path: ["spec", "containers"]] == [["name": "a"], ["name": "b"]])
        #expect(IgnoredFields.removing([["no", "such"]], from: object) == object)
    }

    @Test func rulesMatchByGroupKindNameAndNamespace() {
        let deployment = ObjectIdentity(type: GroupVersionKind(apiVersion: "apps/v1", kind: "Deployment"), namespace: "web", name: "django")
        #expect(IgnoreDifferenceRule(jsonPointers: ["/x"]).matches(deployment))
        #expect(IgnoreDifferenceRule(group: "apps", kind: "Deployment", jsonPointers: ["/x"]).matches(deployment))
        #expect(!IgnoreDifferenceRule(group: "", kind: "Deployment", jsonPointers: ["/x"]).matches(deployment))
        #expect(!IgnoreDifferenceRule(kind: "Deployment", name: "other", jsonPointers: ["/x"]).matches(deployment))
        #expect(!IgnoreDifferenceRule(namespace: "shop", jsonPointers: ["/x"]).matches(deployment))
    }

    @Test func pathsAndNamespacesAreChecked() {
        let document: JSON = [
            "repository": ["url": "/srv/config"],
            "environments": [
                "develop": ["path": "./envs/develop/", "namespace": "web"],
                "master": ["path": "../outside", "namespace": "Web_1", "ref": ""],
            ],
        ]
        let error = #expect(throws: ConfigurationError.self) { try MooringConfiguration(document: document, lineOf: { _ in nil }) }
        #expect(error?.problems.map(\.message) == [
            #"ref in environment "master" is empty: leave it out for the default branch"#,
            #"path in environment "master" must be a folder inside the repository, not "../outside""#,
            #"namespace "Web_1" in environment "master" is not a valid namespace name (lowercase letters, digits and '-', at most 63)"#,
        ])
        var fixed = document
        fixed[path: ["environments", "master"]] = ["path": "environments/prod"]
        let configuration = try? MooringConfiguration(document: fixed, lineOf: { _ in nil })
        #expect(configuration?.environment(named: "develop")?.path == "envs/develop")
        #expect(configuration?.environment(named: "master")?.path == "environments/prod")
    }
}

@Suite struct NormalizerTests {
    @Test func ignoredAnnotationsAreRemovedNotNulled() {
        let live: JSON = ["apiVersion": "v1", "kind": "ConfigMap",
                          "metadata": ["name": "c", "namespace": "web", "uid": "u", "annotations": ["mooring.dev/revision": "r1"]]]
        let normalized = ObjectNormalizer.normalizeLive(live)
        #expect(normalized == ["metadata": ["name": "c", "namespace": "web"]])
        #expect(normalized[path: ["metadata"]]?.objectValue?.contains("annotations") == false)
    }
}

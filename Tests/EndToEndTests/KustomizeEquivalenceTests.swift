import Foundation
import Manifests
import Testing

/// `mooring render` of a kustomize overlay (from a commit, through Mooring's workspace) produces
/// the same objects as `kubectl kustomize` on the same tree, compared as parsed objects, for
/// every kustomize feature a fixture here uses.
@Suite struct KustomizeEquivalenceTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var overlay: String
        var files: [String: String]
        var symlinks: [String: String] = [:]
        var testDescription: String { name }
    }

    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 1
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: ghcr.io/example/web:1.0
                envFrom:
                - configMapRef: {name: settings}
                volumeMounts:
                - {name: tls, mountPath: /tls}
              - name: proxy
                image: nginx:1.25
              volumes:
              - name: tls
                secret: {secretName: tls}
        """
    static let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n    targetPort: 8080\n"
    static let base: [String: String] = [
        "base/kustomization.yaml": "resources:\n- deployment.yaml\n- service.yaml\n",
        "base/deployment.yaml": deployment,
        "base/service.yaml": service,
    ]

    static let fixtures: [Fixture] = [
        Fixture(name: "a base and an overlay: resources, namespace, namePrefix, nameSuffix", overlay: "overlays/develop",
                files: base.merging([
                    "overlays/develop/kustomization.yaml": "resources:\n- ../../base\n- extra.yaml\nnamespace: web-develop\nnamePrefix: dev-\nnameSuffix: -v1\n",
                    "overlays/develop/extra.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: listed}\n  data: {a: b}\n",
                ]) { $1 }),
        Fixture(name: "components", overlay: "overlays/develop",
                files: base.merging([
                    "components/probes/kustomization.yaml": """
                        apiVersion: kustomize.config.k8s.io/v1alpha1
                        kind: Component
                        resources:
                        - monitor.yaml
                        patches:
                        - patch: |-
                            apiVersion: apps/v1
                            kind: Deployment
                            metadata: {name: web}
                            spec:
                              template:
                                spec:
                                  containers:
                                  - name: web
                                    readinessProbe: {httpGet: {path: /healthz, port: 8080}}
                        """,
                    "components/probes/monitor.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: monitor\ndata:\n  path: /healthz\n",
                    "overlays/develop/kustomization.yaml": "resources:\n- ../../base\ncomponents:\n- ../../components/probes\n",
                ]) { $1 }),
        Fixture(name: "strategic-merge patches: patches, patchesStrategicMerge and a shared patch outside the overlay", overlay: "overlays/develop",
                files: base.merging([
                    "shared/resources.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        resources: {limits: {memory: 256Mi}}\n",
                    "overlays/develop/env.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        env:\n        - {name: MODE, value: develop}\n      - name: proxy\n        $patch: delete\n",
                    "overlays/develop/kustomization.yaml": """
                        resources:
                        - ../../base
                        patches:
                        - path: ../../shared/resources.yaml
                        patchesStrategicMerge:
                        - env.yaml
                        - |-
                          apiVersion: v1
                          kind: Service
                          metadata: {name: web}
                          spec: {type: LoadBalancer}
                        """,
                ]) { $1 }),
        Fixture(name: "JSON 6902 patches: inline, from a file, and patchesJson6902", overlay: "overlays/develop",
                files: base.merging([
                    "overlays/develop/port.json": #"[{"op": "replace", "path": "/spec/ports/0/port", "value": 8080}]"#,
                    "overlays/develop/kustomization.yaml": """
                        resources:
                        - ../../base
                        patches:
                        - target: {kind: Deployment, name: web}
                          patch: |-
                            - op: add
                              path: /spec/template/spec/containers/0/args
                              value: ["--verbose"]
                            - op: remove
                              path: /spec/template/spec/containers/1
                        patchesJson6902:
                        - target: {version: v1, kind: Service, name: web}
                          path: port.json
                        """,
                ]) { $1 }),
        Fixture(name: "images, replicas and commonLabels", overlay: "overlays/master",
                files: base.merging([
                    "overlays/master/kustomization.yaml": """
                        resources:
                        - ../../base
                        commonLabels:
                          team: platform
                          tier: "1"
                        commonAnnotations:
                          owner: platform@example.com
                        labels:
                        - pairs: {environment: master}
                          includeSelectors: false
                        images:
                        - name: ghcr.io/example/web
                          newTag: "2.10"
                        - name: nginx
                          newName: registry.example.com/nginx
                          digest: sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c
                        replicas:
                        - name: web
                          count: 3
                        """,
                ]) { $1 }),
        Fixture(name: "generators with hash suffixes: literals, env files, files, merge behaviour, options", overlay: "overlays/develop",
                files: base.merging([
                    "base/kustomization.yaml": """
                        resources:
                        - deployment.yaml
                        - service.yaml
                        configMapGenerator:
                        - name: settings
                          literals: [DEBUG=False, WORKERS=2]
                        secretGenerator:
                        - name: tls
                          files: [tls.crt, tls.key=key.pem]
                          type: kubernetes.io/tls
                        """,
                    "base/tls.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
                    "base/key.pem": "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
                    "overlays/develop/settings.env": "DEBUG=True\nLOG_LEVEL=debug\n",
                    "overlays/develop/kustomization.yaml": """
                        resources:
                        - ../../base
                        configMapGenerator:
                        - name: settings
                          behavior: merge
                          envs: [settings.env]
                        - name: static
                          options:
                            disableNameSuffixHash: true
                            labels: {generated: "yes"}
                          literals: [A=1]
                        generatorOptions:
                          annotations: {note: generated}
                        """,
                ]) { $1 }),
        Fixture(name: "replacements and a symlinked base", overlay: "overlays/develop",
                files: base.merging([
                    "overlays/develop/kustomization.yaml": """
                        resources:
                        - base
                        - config.yaml
                        replacements:
                        - source: {kind: ConfigMap, name: release, fieldPath: data.image}
                          targets:
                          - select: {kind: Deployment, name: web}
                            fieldPaths: ["spec.template.spec.containers.[name=proxy].image"]
                        """,
                    "overlays/develop/config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: release}\ndata: {image: 'nginx:1.27'}\n",
                ]) { $1 }, symlinks: ["overlays/develop/base": "../../base"]),
    ]

    @Test(arguments: fixtures)
    func mooringRenderEqualsKubectlKustomize(_ fixture: Fixture) async throws {
        let tree = try await KustomizeWorkTree.make(fixture.files, symlinks: fixture.symlinks, overlay: fixture.overlay)
        defer { tree.remove() }
        let rendered = try await tree.mooring(["render", "--env", "app", "--show-secrets"])
        #expect(rendered.succeeded, "\(rendered.stderr)")
        let objects = try YAML.load(bytes: rendered.standardOutput, file: "mooring render").map(\.value)
        let expected = try await tree.kubectlKustomize(fixture.overlay)
        #expect(!expected.isEmpty)
        #expect(objects == expected)
    }

    @Test func theSummaryNamesEachObjectsSourceFileAndLine() async throws {
        let fixture = Self.fixtures[5]
        let tree = try await KustomizeWorkTree.make(fixture.files, overlay: fixture.overlay)
        defer { tree.remove() }
        let summary = try await tree.mooring(["render", "--env", "app", "--summary"])
        #expect(summary.succeeded, "\(summary.stderr)")
        let lines = summary.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Deployment.apps web  (base/deployment.yaml:1)"), "\(lines)")
        #expect(lines.contains("Service web  (base/service.yaml:1)"), "\(lines)")
        #expect(lines.contains { $0.contains("ConfigMap") && $0.contains("settings-") && $0.hasSuffix("(base/kustomization.yaml:5)") }, "\(lines)")
        #expect(lines.contains { $0.contains("Secret") && $0.contains("tls-") && $0.hasSuffix("(base/kustomization.yaml:8)") }, "\(lines)")
        // A generated Secret's values are masked unless --show-secrets, as for plain folders.
        let masked = try await tree.mooring(["render", "--env", "app"])
        #expect(masked.succeeded && masked.stdout.contains("tls.key:") && !masked.stdout.contains("LS0tLS1CRUdJTiBQUklWQVRF"))
        #expect(lines.contains { $0.contains("ConfigMap") && $0.contains(" static") && $0.hasSuffix("(overlays/develop/kustomization.yaml:7)") }, "\(lines)")
    }
}

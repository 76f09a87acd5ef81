import Manifests
import Reports
import Testing

@Suite struct PolicyCheckerTests {
    @Test(arguments: [
        ("nginx", "nginx", nil, nil),
        ("nginx:1.27", "nginx", "1.27", nil),
        ("registry.local:5000/team/app", "registry.local:5000/team/app", nil, nil),
        ("registry.local:5000/team/app:v2", "registry.local:5000/team/app", "v2", nil),
        ("ghcr.io/a/b@sha256:abc", "ghcr.io/a/b", nil, "sha256:abc"),
        ("ghcr.io/a/b:1.0@sha256:abc", "ghcr.io/a/b", "1.0", "sha256:abc"),
    ] as [(String, String, String?, String?)])
    func imageReferences(_ text: String, _ repository: String, _ tag: String?, _ digest: String?) {
        let reference = ImageReference(text)
        #expect(reference.repository == repository)
        #expect(reference.tag == tag)
        #expect(reference.digest == digest)
    }

    @Test func flagsEachContainerOfEachWorkloadKind() throws {
        let objects = try YAML.load("""
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: jobs}
            spec:
              schedule: "@daily"
              jobTemplate:
                spec:
                  template:
                    spec:
                      initContainers: [{name: migrate, image: "app:latest", resources: {requests: {cpu: 10m}}}]
                      containers: [{name: run, image: "app@sha256:0123", resources: {requests: {cpu: 10m}}}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: jobs}
            spec:
              containers: [{name: shell, image: "busybox:1.36", resources: {}}]
            """, file: "t.yaml").map(\.value)
        let notes = PolicyChecker.notes(objects: objects)
        let summary = notes.map { "\($0.rule.rawValue) \($0.object ?? "") \($0.field ?? "")" }
        #expect(summary == [
            "latest-image-tag CronJob.batch jobs/report spec.jobTemplate.spec.template.spec.initContainers[name=migrate].image",
            "mutable-image-tag Pod jobs/debug spec.containers[name=shell].image",
            "missing-resource-requests Pod jobs/debug spec.containers[name=shell].resources",
        ])
        #expect(notes.allSatisfy { !$0.message.isEmpty && !$0.fix.isEmpty })
        #expect(notes[0].fix.contains("pin by digest"))
    }

    @Test func yamlTrapsFromTheRendererBecomeNotes() throws {
        let rendered = try ManifestRenderer.render(files: [.file("env/a/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: flags}
            data:
              ENABLED: on
              VERSION: 1.10
            """)], environmentPath: "env/a")
        let notes = PolicyChecker.notes(objects: rendered.objects.map(\.object), warnings: rendered.warnings)
        #expect(notes.map(\.rule) == [.yamlBooleanTrap, .yamlBooleanTrap])
        #expect(notes[0].location == "env/a/cm.yaml:5")
        #expect(notes[0].fix == "quote it: \"on\".")
        #expect(notes[1].message.contains("the number 1.1"))
    }
}

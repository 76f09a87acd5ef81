import Testing
@testable import Manifests

/// YAML 1.1 traps where Kubernetes expects strings become warnings with file:line and a fix.
struct WarningTests {
    static func render(_ text: String, file: String = "env/app.yaml") throws -> RenderedEnvironment {
        try ManifestRenderer.render(files: [.file(file, text)], environmentPath: "env")
    }

    @Test func configMapDataLabelsAndAnnotations() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: web
          labels:
            version: 1.10
            app: django
          annotations:
            reviewed: yes
        data:
          DEBUG: no
          WORKERS: 4
          MODE: 0755
          QUOTED: "yes"
          HOSTS: "*"
          EMPTY:
        """
        let warnings = try Self.render(text).warnings
        #expect(warnings.map(\.location.description) == ["env/app.yaml:7", "env/app.yaml:10", "env/app.yaml:12", "env/app.yaml:13", "env/app.yaml:14"])
        #expect(warnings.map(\.field) == ["metadata.labels.version", "metadata.annotations.reviewed", "data.DEBUG", "data.WORKERS", "data.MODE"])
        #expect(warnings.map(\.text) == ["1.10", "yes", "no", "4", "0755"])
        #expect(warnings.map(\.value) == [1.1, true, false, 4, 493])
        #expect(warnings[2].hint == "quote it: \"no\"")
        #expect(warnings[2].description == "env/app.yaml:12: ConfigMap web/settings: data.DEBUG is no, which YAML reads as the boolean false, but Kubernetes expects a string; quote it: \"no\"")
        #expect(warnings[0].description.contains("the number 1.1"))
    }

    @Test func podTemplatesAndEnvValues() throws {
        let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            metadata:
              labels:
                canary: on
              annotations:
                ratio: 0.5
            spec:
              initContainers:
              - name: migrate
                env:
                - name: DRY_RUN
                  value: off
              containers:
              - name: app
                env:
                - name: PORT
                  value: 8000
                - name: NAME
                  value: web
                - name: FROM
                  valueFrom: {fieldRef: {fieldPath: metadata.name}}
                - name: QUOTED
                  value: "true"
        """
        let warnings = try Self.render(text).warnings
        #expect(warnings.map(\.field) == [
            "spec.template.metadata.labels.canary", "spec.template.metadata.annotations.ratio",
            "spec.template.spec.initContainers[0].env[0].value", "spec.template.spec.containers[0].env[0].value",
        ])
        #expect(warnings.map(\.location.line) == [9, 11, 17, 22])
        #expect(warnings.map(\.object) == Array(repeating: "Deployment.apps web", count: 4))
    }

    @Test func cronJobPodAndListItems() throws {
        let text = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: nightly}
          spec:
            jobTemplate:
              metadata:
                labels: {team: 42}
              spec:
                template:
                  spec:
                    containers:
                    - name: job
                      env:
                      - {name: VERBOSE, value: y}
        - apiVersion: v1
          kind: Pod
          metadata: {name: single}
          spec:
            containers:
            - name: c
              env:
              - name: RETRIES
                value: 0x10
        """
        let warnings = try Self.render(text).warnings
        #expect(warnings.map(\.field) == [
            "spec.jobTemplate.metadata.labels.team", "spec.jobTemplate.spec.template.spec.containers[0].env[0].value",
            "spec.containers[0].env[0].value",
        ])
        #expect(warnings.map(\.location.line) == [10, 17, 26])
        #expect(warnings.map(\.text) == ["42", "y", "0x10"])
    }

    @Test func selectorsNodeSelectorCommandAndArgs() throws {
        let text = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          selector:
            matchLabels:
              primary: yes
          template:
            spec:
              nodeSelector:
                ssd: true
              containers:
              - name: db
                command: [postgres, -p, 5432]
                args:
                - --verbose
                - on
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db
        spec:
          selector:
            primary: yes
          ports:
          - port: 5432
        """
        let warnings = try Self.render(text).warnings
        #expect(warnings.map(\.field) == [
            "spec.selector.matchLabels.primary", "spec.template.spec.nodeSelector.ssd",
            "spec.template.spec.containers[0].command[2]", "spec.template.spec.containers[0].args[1]", "spec.selector.primary",
        ])
        #expect(warnings.map(\.location.line) == [8, 12, 15, 18, 26])
    }

    @Test func otherFieldsAndOtherKindsDoNotWarn() throws {
        let text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          paused: no
          template:
            spec:
              hostNetwork: yes
              containers:
              - name: app
                ports:
                - containerPort: 8000
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w
        data:
          enabled: yes
        """
        #expect(try Self.render(text).warnings.isEmpty)
    }

    @Test func mergedAndAliasedValuesWarnAtTheirDefinition() throws {
        let text = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: merged
        data:
          <<: &defaults
            FEATURE: on
          OTHER: "x"
        """
        let warnings = try Self.render(text).warnings
        #expect(warnings.map(\.field) == ["data.FEATURE"])
        #expect(warnings.map(\.location.line) == [7])
    }
}

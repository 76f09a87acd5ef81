/// Custom resources as their operators report them: conditions (metav1.Condition, with their own
/// observedGeneration), phases and states.
enum CustomResourceFixtures {
    static func certificate(generation: Int = 1, _ conditions: String) -> String {
        """
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: {name: django-tls, namespace: django-master, generation: \(generation), creationTimestamp: "2025-03-02T10:00:00Z"}
        spec:
          secretName: django-tls
          dnsNames: [django.example.test]
          issuerRef: {name: letsencrypt, kind: ClusterIssuer}
        status:
          conditions:
        \(conditions)
        """
    }

    static let certificateReady = certificate("""
          - {type: Ready, status: "True", observedGeneration: 1, lastTransitionTime: "2025-03-02T10:01:12Z", reason: Ready, message: Certificate is up to date and has not expired}
        """)

    static let certificateIssuing = certificate("""
          - {type: Ready, status: "False", observedGeneration: 1, reason: DoesNotExist, message: Issuing certificate as Secret does not exist}
          - {type: Issuing, status: "True", observedGeneration: 1, reason: DoesNotExist, message: Issuing certificate as Secret does not exist}
        """)

    static let certificateConfigError = certificate("""
          - {type: Ready, status: "False", observedGeneration: 1, reason: ConfigError, message: 'issuer "letsencrypt" not found'}
        """)

    /// The spec changed (generation 2); the Ready condition still speaks of generation 1.
    static let certificateStale = certificate(generation: 2, """
          - {type: Ready, status: "True", observedGeneration: 1, reason: Ready, message: Certificate is up to date and has not expired}
        """)

    static let externalSecretFailing = """
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: {name: django-db, namespace: django-master, generation: 1, creationTimestamp: "2025-03-02T10:00:00Z"}
        spec:
          refreshInterval: 1h
          secretStoreRef: {name: vault, kind: ClusterSecretStore}
          target: {name: django-db}
          data:
          - {secretKey: password, remoteRef: {key: django/db, property: password}}
        status:
          binding: {name: ""}
          refreshTime: null
          conditions:
          - {type: Ready, status: "False", lastTransitionTime: "2025-03-02T10:00:03Z", reason: SecretSyncedError, message: could not get secret data from provider}
        """

    static let kustomizationReady = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system, generation: 4, creationTimestamp: "2025-03-01T08:00:00Z"}
        spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        status:
          observedGeneration: 4
          lastAppliedRevision: main@sha1:1f2e3d4c
          conditions:
          - {type: Ready, status: "True", observedGeneration: 4, reason: ReconciliationSucceeded, message: "Applied revision: main@sha1:1f2e3d4c"}
        """

    static let kustomizationStalled = """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: apps, namespace: flux-system, generation: 5}
        spec: {interval: 10m, path: ./apps, prune: true, sourceRef: {kind: GitRepository, name: flux-system}}
        status:
          observedGeneration: 5
          conditions:
          - {type: Ready, status: "False", observedGeneration: 5, reason: BuildFailed, message: "kustomization path not found: stat /tmp/kustomization-1/apps: no such file or directory"}
          - {type: Stalled, status: "True", observedGeneration: 5, reason: BuildFailed, message: "kustomization path not found: stat /tmp/kustomization-1/apps: no such file or directory"}
        """

    static func rollout(phase: String, observedGeneration: String, message: String, conditions: String) -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: {name: django-admin, namespace: django-master, generation: 3}
        spec:
          replicas: 3
          strategy: {canary: {steps: [{setWeight: 20}, {pause: {}}]}}
        status:
          observedGeneration: "\(observedGeneration)"
          phase: \(phase)
          message: "\(message)"
          replicas: 3
          updatedReplicas: 1
          readyReplicas: 3
          availableReplicas: 3
          conditions:
        \(conditions)
        """
    }

    static let rolloutPaused = rollout(phase: "Paused", observedGeneration: "3", message: "CanaryPauseStep", conditions: """
          - {type: Progressing, status: "True", reason: RolloutPaused, message: Rollout is paused}
          - {type: Paused, status: "True", reason: RolloutPaused, message: Rollout is paused}
          - {type: Available, status: "True", reason: AvailableReason, message: Rollout has minimum availability}
        """)

    static let rolloutAborted = rollout(phase: "Degraded", observedGeneration: "3", message: "RolloutAborted: Rollout aborted update to revision 3",
                                        conditions: """
          - {type: Progressing, status: "False", reason: RolloutAborted, message: Rollout aborted update to revision 3}
          - {type: Available, status: "True", reason: AvailableReason, message: Rollout has minimum availability}
        """)

    static let rolloutNotObserved = rollout(phase: "Healthy", observedGeneration: "2", message: "", conditions: """
          - {type: Available, status: "True", reason: AvailableReason, message: Rollout has minimum availability}
        """)

    static let gatewayPending = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: public, namespace: gateways, generation: 1}
        spec:
          gatewayClassName: envoy
          listeners: [{name: http, protocol: HTTP, port: 80}]
        status:
          conditions:
          - {type: Accepted, status: "True", observedGeneration: 1, reason: Accepted, message: Gateway is accepted}
          - {type: Programmed, status: "False", observedGeneration: 1, reason: AddressNotAssigned, message: No addresses have been assigned to the Gateway}
        """

    static let prometheusPartlyAvailable = """
        apiVersion: monitoring.coreos.com/v1
        kind: Prometheus
        metadata: {name: k8s, namespace: monitoring, generation: 2}
        spec: {replicas: 2, serviceAccountName: prometheus-k8s}
        status:
          availableReplicas: 1
          replicas: 2
          unavailableReplicas: 1
          updatedReplicas: 2
          paused: false
          conditions:
          - {type: Available, status: Degraded, observedGeneration: 2, reason: SomePodsNotReady, message: "shard 0: pod prometheus-k8s-1: containers with incomplete status: [init-config-reloader]"}
          - {type: Reconciled, status: "True", observedGeneration: 2, reason: "", message: ""}
        """

    static let crossplaneBucketSyncFailing = """
        apiVersion: s3.aws.upbound.io/v1beta1
        kind: Bucket
        metadata: {name: django-media, generation: 1}
        spec: {forProvider: {region: eu-west-1}, providerConfigRef: {name: default}}
        status:
          atProvider: {}
          conditions:
          - {type: Ready, status: "True", reason: Available}
          - {type: Synced, status: "False", reason: ReconcileError, message: "observe failed: cannot run refresh: AccessDenied"}
        """

    static func veleroBackup(phase: String) -> String {
        """
        apiVersion: velero.io/v1
        kind: Backup
        metadata: {name: nightly-20250302, namespace: velero, generation: 3}
        spec: {includedNamespaces: [django-master], ttl: 720h0m0s}
        status: {phase: \(phase), startTimestamp: "2025-03-02T03:00:00Z", errors: 2, version: 1}
        """
    }

    static func pipelineRun(status: String, reason: String) -> String {
        """
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: {name: build-4-2-16, namespace: ci, generation: 1}
        spec: {pipelineRef: {name: build}}
        status:
          startTime: "2025-03-02T10:00:00Z"
          conditions:
          - {type: Succeeded, status: "\(status)", reason: \(reason), message: "Tasks Completed: 2 (Failed: 0, Cancelled 0), Skipped: 0"}
        """
    }

    /// A pure-configuration resource no controller writes a status for.
    static func serviceMonitor(created: String) -> String {
        """
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata: {name: django-admin, namespace: django-master, generation: 1, creationTimestamp: "\(created)"}
        spec:
          selector: {matchLabels: {app.kubernetes.io/name: django-admin}}
          endpoints: [{port: http, path: /metrics}]
        """
    }
}

import Foundation

/// APIServices (kube-aggregator's availability controller), PodDisruptionBudgets (the disruption
/// controller) and CustomResourceDefinitions (apiextensions-apiserver's controllers).
enum ClusterServiceFixtures {
    static let metricsAPI = """
        apiVersion: apiregistration.k8s.io/v1
        kind: APIService
        metadata:
          name: v1beta1.metrics.k8s.io
          labels: {k8s-app: metrics-server}
        spec:
          group: metrics.k8s.io
          version: v1beta1
          groupPriorityMinimum: 100
          versionPriority: 100
          insecureSkipTLSVerify: true
          service: {name: metrics-server, namespace: kube-system, port: 443}
        """

    static let metricsAPIAvailable = metricsAPI + """

        status:
          conditions:
          - type: Available
            status: "True"
            lastTransitionTime: "2025-03-02T10:00:40Z"
            reason: Passed
            message: all checks passed
        """

    static let metricsAPIUnavailable = metricsAPI + """

        status:
          conditions:
          - type: Available
            status: "False"
            lastTransitionTime: "2025-03-02T10:29:05Z"
            reason: MissingEndpoints
            message: endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"
        """

    static let budget = """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: django-admin
          namespace: django-master
          generation: 1
        spec:
          minAvailable: 1
          selector:
            matchLabels: {app.kubernetes.io/name: django-admin}
        """

    static let budgetSatisfied = budget + """

        status:
          observedGeneration: 1
          currentHealthy: 2
          desiredHealthy: 1
          disruptionsAllowed: 1
          expectedPods: 2
          conditions:
          - type: DisruptionAllowed
            status: "True"
            observedGeneration: 1
            lastTransitionTime: "2025-03-02T10:01:00Z"
            reason: SufficientPods
            message: ""
        """

    static let budgetBlockingEvictions = budget + """

        status:
          observedGeneration: 1
          currentHealthy: 1
          desiredHealthy: 1
          disruptionsAllowed: 0
          expectedPods: 1
          conditions:
          - type: DisruptionAllowed
            status: "False"
            observedGeneration: 1
            lastTransitionTime: "2025-03-02T10:01:00Z"
            reason: InsufficientPods
            message: ""
        """

    /// `minAvailable: 3` over a Deployment of two replicas, both up.
    static let budgetUnsatisfiable = """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: django-admin, namespace: django-master, generation: 2}
        spec:
          minAvailable: 3
          selector:
            matchLabels: {app.kubernetes.io/name: django-admin}
        status:
          observedGeneration: 2
          currentHealthy: 2
          desiredHealthy: 3
          disruptionsAllowed: 0
          expectedPods: 2
          conditions:
          - {type: DisruptionAllowed, status: "False", observedGeneration: 2, lastTransitionTime: "2025-03-02T10:01:00Z", reason: InsufficientPods, message: ""}
        """

    /// The same budget a moment into the rollout: one pod created, not ready yet.
    static let budgetDuringRollout = budgetUnsatisfiable
        .replacingOccurrences(of: "currentHealthy: 2", with: "currentHealthy: 0")
        .replacingOccurrences(of: "expectedPods: 2", with: "expectedPods: 1")

    /// The selected pods belong to a controller without a scale subresource and the budget is a
    /// percentage: the controller cannot compute it.
    static let budgetUncomputable = budget + """

        status:
          observedGeneration: 1
          currentHealthy: 0
          desiredHealthy: 0
          disruptionsAllowed: 0
          expectedPods: 0
          conditions:
          - type: DisruptionAllowed
            status: "False"
            observedGeneration: 1
            lastTransitionTime: "2025-03-02T10:01:00Z"
            reason: SyncFailed
            message: 'found no controllers for pod "django-admin-5f7c9-x2x8q"'
        """

    static let definition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: backups.stash.example
          generation: 1
        spec:
          group: stash.example
          names: {kind: Backup, listKind: BackupList, plural: backups, singular: backup}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """

    /// A definition carried over from apiextensions.k8s.io/v1beta1 whose schema is not structural.
    static let definitionNonStructural = definition + """

        status:
          acceptedNames: {kind: Backup, listKind: BackupList, plural: backups, singular: backup}
          storedVersions: [v1]
          conditions:
          - type: NonStructuralSchema
            status: "True"
            lastTransitionTime: "2025-03-02T10:00:01Z"
            reason: Violations
            message: 'spec.versions[0].schema.openAPIV3Schema.type: Required value: must not be empty at the root'
          - type: NamesAccepted
            status: "True"
            reason: NoConflicts
            message: no conflicts found for the names
          - type: Established
            status: "True"
            reason: InitialNamesAccepted
            message: the initial names have been accepted
        """

    static let definitionTerminating = definition + """

        status:
          acceptedNames: {kind: Backup, listKind: BackupList, plural: backups, singular: backup}
          conditions:
          - type: NamesAccepted
            status: "True"
            reason: NoConflicts
            message: no conflicts found for the names
          - type: Established
            status: "True"
            reason: InitialNamesAccepted
            message: the initial names have been accepted
          - type: Terminating
            status: "True"
            reason: InstanceDeletionInProgress
            message: CustomResource deletion is in progress
        """
}

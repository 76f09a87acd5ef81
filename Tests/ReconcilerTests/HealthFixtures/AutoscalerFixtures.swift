/// HorizontalPodAutoscalers as the kube-controller-manager's HPA controller leaves them
/// (pkg/controller/podautoscaler: conditions AbleToScale, ScalingActive, ScalingLimited).
enum AutoscalerFixtures {
    static let header = """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: django-admin
          namespace: django-master
          generation: 1
          creationTimestamp: "2025-03-02T10:00:00Z"
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: django-admin}
          minReplicas: 2
          maxReplicas: 6
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
        """

    static let scaling = header + """

        status:
          observedGeneration: 1
          currentReplicas: 2
          desiredReplicas: 2
          currentMetrics:
          - type: Resource
            resource: {name: cpu, current: {averageUtilization: 12, averageValue: 60m}}
          conditions:
          - type: AbleToScale
            status: "True"
            lastTransitionTime: "2025-03-02T10:00:15Z"
            reason: ReadyForNewScale
            message: recommended size matches current size
          - type: ScalingActive
            status: "True"
            lastTransitionTime: "2025-03-02T10:01:00Z"
            reason: ValidMetricFound
            message: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
          - type: ScalingLimited
            status: "False"
            lastTransitionTime: "2025-03-02T10:01:00Z"
            reason: DesiredWithinRange
            message: the desired count is within the acceptable range
        """

    /// `scaleTargetRef` names a Deployment that does not exist.
    static let targetMissing = header + """

        status:
          observedGeneration: 1
          currentReplicas: 0
          desiredReplicas: 0
          currentMetrics: null
          conditions:
          - type: AbleToScale
            status: "False"
            lastTransitionTime: "2025-03-02T10:00:15Z"
            reason: FailedGetScale
            message: 'the HPA controller was unable to get the target''s current scale: deployments/scale.apps "django-admin" not found'
        """

    /// Right after the rollout: metrics-server has no sample of the new pods yet.
    static let metricsNotYetAvailable = header + """

        status:
          observedGeneration: 1
          currentReplicas: 2
          desiredReplicas: 2
          currentMetrics: null
          conditions:
          - type: AbleToScale
            status: "True"
            reason: SucceededGetScale
            message: the HPA controller was able to get the target's current scale
          - type: ScalingActive
            status: "False"
            lastTransitionTime: "2025-03-02T10:29:30Z"
            reason: FailedGetResourceMetric
            message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API'
        """

    /// No metrics API in the cluster at all: the same condition, half an hour on.
    static let metricsAPIMissing = header + """

        status:
          observedGeneration: 1
          currentReplicas: 2
          desiredReplicas: 2
          conditions:
          - type: AbleToScale
            status: "True"
            lastTransitionTime: "2025-03-02T10:00:15Z"
            reason: SucceededGetScale
            message: the HPA controller was able to get the target's current scale
          - type: ScalingActive
            status: "False"
            lastTransitionTime: "2025-03-02T10:00:30Z"
            reason: FailedGetResourceMetric
            message: 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)'
        """

    static let invalidSelector = header + """

        status:
          observedGeneration: 1
          currentReplicas: 2
          desiredReplicas: 0
          conditions:
          - type: AbleToScale
            status: "True"
            reason: SucceededGetScale
            message: the HPA controller was able to get the target's current scale
          - type: ScalingActive
            status: "False"
            reason: InvalidSelector
            message: 'the HPA target''s scale is missing a selector'
        """

    static let targetScaledToZero = header + """

        status:
          observedGeneration: 1
          currentReplicas: 0
          desiredReplicas: 0
          conditions:
          - type: AbleToScale
            status: "True"
            reason: SucceededGetScale
            message: the HPA controller was able to get the target's current scale
          - type: ScalingActive
            status: "False"
            reason: ScalingDisabled
            message: scaling is disabled since the replica count of the target is zero
        """

    static let atMaximum = header + """

        status:
          observedGeneration: 1
          currentReplicas: 6
          desiredReplicas: 6
          conditions:
          - type: AbleToScale
            status: "True"
            reason: ReadyForNewScale
            message: recommended size matches current size
          - type: ScalingActive
            status: "True"
            reason: ValidMetricFound
            message: the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
          - type: ScalingLimited
            status: "True"
            reason: TooManyReplicas
            message: the desired replica count is more than the maximum replica count
        """

    /// Just created: the controller has not synced it yet.
    static let fresh = header + """

        status:
          currentReplicas: 0
          desiredReplicas: 0
        """

    /// Read through autoscaling/v1, which carries the conditions as JSON in an annotation.
    static let v1TargetMissing = """
        apiVersion: autoscaling/v1
        kind: HorizontalPodAutoscaler
        metadata:
          name: django-admin
          namespace: django-master
          annotations:
            autoscaling.alpha.kubernetes.io/conditions: '[{"type":"AbleToScale","status":"False","lastTransitionTime":"2025-03-02T10:00:15Z","reason":"FailedGetScale","message":"the HPA controller was unable to get the target''s current scale: deployments/scale.apps \\"django-admin\\" not found"}]'
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: django-admin}
          minReplicas: 2
          maxReplicas: 6
          targetCPUUtilizationPercentage: 70
        status:
          currentReplicas: 0
          desiredReplicas: 0
        """
}

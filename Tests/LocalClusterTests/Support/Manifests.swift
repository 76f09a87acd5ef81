/// Manifests the conformance tests apply.
enum TestManifests {
    static func configMap(_ name: String, data: [String: String], labels: [String: String] = [:], namespace: String = "default") -> String {
        var text = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)
          namespace: \(namespace)

        """
        if !labels.isEmpty {
            text += "  labels:\n" + labels.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value)\"\n" }.joined()
        }
        text += "data:\n" + data.sorted { $0.key < $1.key }.map { "  \($0.key): \"\($0.value)\"\n" }.joined()
        return text
    }

    static func deployment(_ name: String, image: String = "nginx:1.25", replicas: Int = 2, progressDeadline: Int? = nil) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \(name)
          namespace: default
        spec:
          replicas: \(replicas)
        \(progressDeadline.map { "  progressDeadlineSeconds: \($0)" } ?? "")
          selector:
            matchLabels: {app: \(name)}
          template:
            metadata:
              labels: {app: \(name)}
            spec:
              containers:
              - name: main
                image: \(image)
                ports:
                - containerPort: 80

        """
    }

    static func autoscaler(_ name: String, minReplicas: Int, maxReplicas: Int, cpuUtilization: Int) -> String {
        """
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: \(name), namespace: default}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: \(name)}
          minReplicas: \(minReplicas)
          maxReplicas: \(maxReplicas)
          metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: \(cpuUtilization)}}}]

        """
    }

    static let widgetCRD = """
    apiVersion: apiextensions.k8s.io/v1
    kind: CustomResourceDefinition
    metadata:
      name: widgets.example.com
    spec:
      group: example.com
      scope: Namespaced
      names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
      versions:
      - name: v1
        served: true
        storage: true
        subresources: {status: {}}
        additionalPrinterColumns:
        - {name: Size, type: integer, jsonPath: .spec.size}
        - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                properties:
                  size: {type: integer}
                  color: {type: string}
              status:
                type: object
                properties:
                  phase: {type: string}

    """

    static func widget(_ name: String, size: Int, color: String = "blue") -> String {
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: \(name)
          namespace: default
        spec:
          size: \(size)
          color: \(color)

        """
    }
}

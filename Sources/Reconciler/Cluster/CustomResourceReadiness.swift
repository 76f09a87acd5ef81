import Manifests

/// Waits for the CustomResourceDefinitions of custom resources about to be applied: applying a
/// custom resource before its definition is Established fails with "no matches for kind".
public struct CustomResourceReadiness: Sendable {
    public let cluster: any ClusterClient
    public var timeout: Duration
    public var pollInterval: Duration

    public init(cluster: any ClusterClient, timeout: Duration = .seconds(60), pollInterval: Duration = .milliseconds(100)) {
        self.cluster = cluster
        self.timeout = timeout
        self.pollInterval = pollInterval
    }

    /// Returns once `groupKind` is served. When its definition is among `definitions` (the
    /// revision's CRDs), waits for that CRD's `Established` condition first.
    public func waitUntilServed(_ groupKind: GroupKind, definitions: [JSON]) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let definition = definitions.first {
            $0[path: ["spec", "group"]]?.stringValue == groupKind.group && $0[path: ["spec", "names", "kind"]]?.stringValue == groupKind.kind
        }
        let crdType = GroupVersionKind(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition")
        let name = definition?[path: ["metadata", "name"]]?.stringValue ?? groupKind.description
        while true {
            var established = true
            if definition != nil {
                let live = try await cluster.get(ObjectIdentity(type: crdType, namespace: nil, name: name))
                established = live.map { HealthAssessor.assess($0).status == .healthy } ?? false
            }
            if established, try await cluster.servedType(groupKind) != nil { return }
            guard clock.now < deadline else { throw ClusterError.notEstablished(definition: name, after: timeout) }
            try await Task.sleep(for: pollInterval)
        }
    }
}

import Manifests

/// Scopes of the kinds a revision uses that neither the built-in table nor the revision's own
/// CRDs know, asked from the cluster's discovery (CRDs installed by someone else).
struct DiscoveredResourceScopes: ResourceScopes {
    var scopes: [GroupKind: Bool] = [:]

    /// Asks the cluster about every kind among `objects` that `known` cannot answer.
    static func discover(for objects: [JSON], known: any ResourceScopes, cluster: any ClusterClient) async throws -> DiscoveredResourceScopes {
        var result = DiscoveredResourceScopes()
        for kind in Set(objects.compactMap { ObjectIdentity(of: $0)?.groupKind }) where known.isNamespaced(kind) == nil {
            if let namespaced = try await cluster.isNamespaced(kind) { result.scopes[kind] = namespaced }
        }
        return result
    }

    func isNamespaced(_ groupKind: GroupKind) -> Bool? { scopes[groupKind] }
}

import Manifests

/// The client's REST mapper, discovered once and kept; a kind it does not know triggers one
/// fresh discovery (the kind may belong to a CRD created a moment ago) before giving up.
actor DiscoveryCache {
    private let client: DiscoveryClient
    private var mapper: RESTMapper?
    private var refreshing: Task<RESTMapper, Error>?

    init(client: DiscoveryClient) { self.client = client }

    func current() async throws -> RESTMapper {
        if let mapper { return mapper }
        return try await refresh()
    }

    /// Discovers again; concurrent callers share one pass.
    func refresh() async throws -> RESTMapper {
        if let refreshing { return try await refreshing.value }
        let task = Task { try await client.discover() }
        refreshing = task
        defer { refreshing = nil }
        let fresh = try await task.value
        mapper = fresh
        return fresh
    }

    func resource(for type: GroupVersionKind) async throws -> APIResource {
        if let found = try await current().resource(for: type) { return found }
        if let found = try await refresh().resource(for: type) { return found }
        throw KubeClientError.unknownKind(type)
    }

    /// A kind at its preferred version, or `nil` when not served even after discovering again.
    func resource(for kind: GroupKind) async throws -> APIResource? {
        if let found = try await current().resource(for: kind) { return found }
        return try await refresh().resource(for: kind)
    }
}

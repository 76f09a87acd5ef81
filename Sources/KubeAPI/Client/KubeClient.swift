import Foundation
import Manifests

/// A client of one cluster's API. Objects are `JSON` values; kinds are mapped to resources by
/// discovery, on first use. Safe to share between tasks; requests run concurrently.
public final class KubeClient: Sendable {
    public let connection: ClusterConnection
    let transport: APITransport
    let discovery: DiscoveryCache

    public init(connection: ClusterConnection, options: KubeClientOptions = KubeClientOptions()) {
        self.connection = connection
        transport = APITransport(connection: connection, options: options)
        discovery = DiscoveryCache(client: DiscoveryClient(transport: transport))
    }

    /// A client of a kubeconfig context (default: its current context).
    public convenience init(kubeconfig: Kubeconfig, context: String? = nil,
                            options: KubeClientOptions = KubeClientOptions()) throws(KubeconfigError) {
        self.init(connection: try kubeconfig.connection(context: context), options: options)
    }

    /// A client of the cluster a pod runs in, as its service account.
    public static func inCluster(options: KubeClientOptions = KubeClientOptions()) throws(KubeconfigError) -> KubeClient {
        KubeClient(connection: try InClusterConfiguration.connection(), options: options)
    }

    /// The namespace for namespaced objects that name none.
    public var defaultNamespace: String { connection.namespace }

    /// Requests sent so far, retries included.
    public var requestsSent: Int { transport.attempts.withLock { $0 } }

    // MARK: - Server

    /// `GET /version`: the server's build (`gitVersion`, `major`, `minor`).
    public func version() async throws -> JSON {
        try await getJSON("/version")
    }

    /// A GET of any path, e.g. `/readyz` or `/apis`; the body parsed as JSON.
    public func getJSON(_ path: String) async throws -> JSON {
        let response = try await transport.send(.init(method: .get, path: path, idempotent: true,
                                                      timeout: transport.options.requestTimeout))
        return try decode(response, request: "GET \(path)")
    }

    /// The REST mapper (discovered on first use).
    public func restMapper(refresh: Bool = false) async throws -> RESTMapper {
        refresh ? try await discovery.refresh() : try await discovery.current()
    }

    /// The resource serving a kind; an unknown kind triggers one fresh discovery.
    public func resource(for type: GroupVersionKind) async throws -> APIResource {
        try await discovery.resource(for: type)
    }

    // MARK: - Shared plumbing

    func decode(_ response: HTTPResponse, request: String) throws -> JSON {
        do { return try JSON(parsing: response.body) } catch {
            throw KubeClientError.invalidResponse(request: request, detail: "\(error)")
        }
    }

    /// The namespace a request about a resource goes to: none for cluster-scoped ones.
    func namespace(for resource: APIResource, _ given: String?) -> String? {
        guard resource.namespaced else { return nil }
        if let given, !given.isEmpty { return given }
        return defaultNamespace
    }

    func send(_ method: HTTPMethod, _ path: String, body: JSON? = nil, contentType: String? = nil,
              idempotent: Bool) async throws -> JSON {
        let call = APITransport.Call(method: method, path: path, body: body?.serializedBytes(),
                                     contentType: body == nil ? nil : (contentType ?? "application/json"),
                                     idempotent: idempotent, timeout: transport.options.requestTimeout)
        let response = try await transport.send(call)
        return try decode(response, request: call.description)
    }

    /// The type, namespace and name of an object about to be written.
    func target(of object: JSON) async throws -> (APIResource, namespace: String?, name: String) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else {
            throw KubeClientError.incompleteObject("has no apiVersion or kind")
        }
        guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
            throw KubeClientError.incompleteObject("\(kind) has no metadata.name")
        }
        let resource = try await resource(for: GroupVersionKind(apiVersion: apiVersion, kind: kind))
        return (resource, namespace(for: resource, object[path: ["metadata", "namespace"]]?.stringValue), name)
    }
}

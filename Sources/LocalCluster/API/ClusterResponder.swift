import Foundation
import Manifests
import NIOHTTP1

/// The front door: authentication, fault injection, then the route for the path
/// (health, version, discovery, OpenAPI, admin, or a resource).
struct ClusterResponder: HTTPResponder {
    let context: ClusterContext
    let reads: ReadHandler
    let writes: WriteHandler
    let deletes: DeleteHandler
    let serverAddress: LockedAddress

    init(context: ClusterContext, serverAddress: LockedAddress) {
        self.context = context
        self.serverAddress = serverAddress
        reads = ReadHandler(context: context)
        writes = WriteHandler(context: context)
        deletes = DeleteHandler(context: context)
    }

    static let maximumBody = 3 * 1024 * 1024

    /// Paths anyone may read, as the `system:public-info-viewer` role allows on a real server.
    private static let publicPaths: Set<String> = ["/version", "/healthz", "/livez", "/readyz"]

    func respond(to request: APIRequest) async -> APIResponse {
        do {
            var request = request
            let pathToken = TokenPathPrefix.strip(&request)
            let path = request.path.count > 1 && request.path.hasSuffix("/") ? String(request.path.dropLast()) : request.path
            switch RequestAuthentication(context: context).user(token: pathToken ?? request.bearerToken) {
            case .authenticated(let user): request.user = try RequestAuthentication.impersonated(request, by: user)
            case .anonymous where Self.publicPaths.contains(path): request.user = .anonymous
            case .anonymous, .rejected: return StatusError.unauthorized.response
            }
            if !request.user.isSuperuser && !Self.publicPaths.contains(path) {
                let attributes = RequestAttributes.of(request, path: path, registry: context.registry)
                let decision = await RBACAuthorizer(store: context.store).authorize(attributes, as: request.user)
                if !decision.allowed { throw StatusError.forbidden(attributes, user: request.user) }
            }
            // The API server reads at most 3 MiB of a write's body (MaxRequestBodyBytes).
            if request.body.count > Self.maximumBody && [.POST, .PUT, .PATCH].contains(request.method) {
                return StatusError(code: 413, reason: "RequestEntityTooLarge",
                                   message: "Request entity too large: limit is \(Self.maximumBody)").response
            }
            if path.hasPrefix("/mooring-admin/") { return try AdminEndpoints(context: context).respond(path: path, request: request) }
            let verb = Self.verb(of: request, path: path, registry: context.registry)
            let decision = context.faults.decide(verb: verb, path: path)
            if decision.latencyMilliseconds > 0 { try? await Task.sleep(for: .milliseconds(decision.latencyMilliseconds)) }
            if let status = decision.status { return Self.injectedFailure(status, retryAfter: decision.retryAfterSeconds).response }
            let response = try await route(path: path, request: request, cutWatchAfter: decision.cutWatchAfterEvents)
            if decision.dropConnection, case .complete(let status, let headers, let body) = response {
                return .dropped(status: status, headers: headers, body: body, sentBytes: body.count / 2)
            }
            return response
        } catch let error as StatusError {
            return error.response
        } catch {
            return StatusError.internalError(String(describing: error)).response
        }
    }

    private func route(path: String, request: APIRequest, cutWatchAfter: Int?) async throws -> APIResponse {
        switch path {
        case "/healthz", "/livez", "/readyz": return .text("ok")
        case "/version": return .json(VersionInfo.document)
        case "/api":
            if AggregatedDiscovery.isRequested(accept: request.accept) {
                return .json(AggregatedDiscovery.document(core: true, context.registry), contentType: AggregatedDiscovery.contentType)
            }
            return .json(LegacyDiscovery.coreVersions(serverAddress: serverAddress.value))
        case "/apis":
            if AggregatedDiscovery.isRequested(accept: request.accept) {
                return .json(AggregatedDiscovery.document(core: false, context.registry), contentType: AggregatedDiscovery.contentType)
            }
            return .json(LegacyDiscovery.groupList(context.registry))
        case "/api/v1":
            return .json(LegacyDiscovery.resourceList(group: "", version: "v1", context.registry))
        default: break
        }
        if path.hasPrefix("/openapi/") { return try OpenAPIEndpoints(context: context).respond(path: path, request: request) }
        let segments = path.split(separator: "/").map(String.init)
        if segments.first == "apis" && segments.count == 2 {
            guard !context.registry.versions(of: segments[1]).isEmpty else { throw StatusError.resourceNotFound }
            return .json(LegacyDiscovery.group(named: segments[1], context.registry))
        }
        if segments.first == "apis" && segments.count == 3 {
            guard context.registry.servesGroupVersion(group: segments[1], version: segments[2]) else { throw StatusError.resourceNotFound }
            return .json(LegacyDiscovery.resourceList(group: segments[1], version: segments[2], context.registry))
        }
        switch ResourceRequest.parse(path: path, registry: context.registry) {
        case .notAResourcePath:
            return .text("404 page not found\n", status: .notFound)
        case .unknownResource:
            throw StatusError.resourceNotFound
        case .resource(let target):
            return try await dispatch(target, request: request, cutWatchAfter: cutWatchAfter)
        }
    }

    private func dispatch(_ target: ResourceRequest, request: APIRequest, cutWatchAfter: Int?) async throws -> APIResponse {
        if let answered = try await special(target, request: request) { return answered }
        if let sub = target.subresource, !(sub == "status" && target.resource.hasStatus),
           !(sub == "scale" && target.resource.hasScale), !(sub == "finalize" && target.resource.kind == "Namespace"),
           !(sub == "approval" && target.resource.kind == "CertificateSigningRequest") {
            throw StatusError.resourceNotFound
        }
        if target.subresource == nil, !target.resource.verbs.contains(Self.verb(of: request, path: "", named: target.name != nil)) {
            throw StatusError.methodNotAllowed
        }
        // A namespaced resource is only listed and watched across namespaces; everything else
        // needs its namespace in the path, as on a real server.
        if target.resource.namespaced && target.namespace == nil && !(request.method == .GET && target.name == nil) {
            throw target.name == nil ? StatusError.methodNotAllowed : StatusError.resourceNotFound
        }
        switch (request.method, target.name) {
        case (.GET, let name?):
            if request.query.flag("watch") { return try await reads.watch(target, request: request, cutAfter: cutWatchAfter) }
            return try await reads.get(target, name: name, request: request)
        case (.GET, nil):
            if request.query.flag("watch") { return try await reads.watch(target, request: request, cutAfter: cutWatchAfter) }
            return try await reads.list(target, request: request)
        case (.POST, nil):
            return try await writes.create(target, request: request)
        case (.PUT, let name?):
            return try await writes.update(target, name: name, request: request)
        case (.PATCH, let name?):
            return try await writes.patch(target, name: name, request: request)
        case (.DELETE, let name?):
            return try await deletes.delete(target, name: name, request: request)
        case (.DELETE, nil) where target.resource.verbs.contains("deletecollection"):
            return try await deletes.deleteCollection(target, request: request)
        default:
            throw StatusError.methodNotAllowed
        }
    }

    /// Requests answered by their own handlers rather than the store: reviews, bindings,
    /// evictions, tokens, pod logs, component statuses.
    private func special(_ target: ResourceRequest, request: APIRequest) async throws -> APIResponse? {
        let resource = target.resource
        if resource.verbs == ["create"] {
            guard request.method == .POST, target.name == nil else { throw StatusError.methodNotAllowed }
            if resource.group.isEmpty && resource.kind == "Binding" {
                return try await PodBinding(context: context).bind(namespace: target.namespace ?? "", body: try RequestBody.json(request))
            }
            return try await ReviewHandler(context: context).create(target, request: request)
        }
        guard resource.group.isEmpty else { return nil }
        switch (resource.kind, target.subresource, request.method) {
        case ("Pod", "log", .GET):
            return try await PodLogs(context: context).respond(target, name: target.name ?? "", request: request)
        case ("Pod", "binding", .POST):
            var body = try RequestBody.json(request)
            body[path: ["metadata", "name"]] = .string(target.name ?? "")
            return try await PodBinding(context: context).bind(namespace: target.namespace ?? "", body: body)
        case ("Pod", "eviction", .POST):
            return try await PodBinding(context: context).evict(namespace: target.namespace ?? "", name: target.name ?? "")
        case ("ServiceAccount", "token", .POST):
            return try await TokenRequestHandler(context: context).create(target, name: target.name ?? "", request: request)
        case ("ComponentStatus", nil, .GET):
            let warning = [ComponentStatuses.warning]
            if let name = target.name {
                guard let item = ComponentStatuses.item(name) else { throw StatusError.notFound(resource.groupResource, name: name) }
                return ObjectEncoding(request: request).single(StoredObject(item, resourceVersion: 0), resource: resource).withWarnings(warning)
            }
            let items = ComponentStatuses.all.map { StoredObject($0, resourceVersion: 0) }
            return ObjectEncoding(request: request).list(items, resource: resource, metadata: [:]).withWarnings(warning)
        default:
            return nil
        }
    }

    /// The Kubernetes verb of a request, for fault rules.
    static func verb(of request: APIRequest, path: String, registry: ResourceRegistry) -> String {
        var named = true
        if case .resource(let target) = ResourceRequest.parse(path: path, registry: registry) { named = target.name != nil }
        return verb(of: request, path: path, named: named)
    }

    static func verb(of request: APIRequest, path: String, named: Bool) -> String {
        switch request.method {
        case .GET: return request.query.flag("watch") ? "watch" : (named ? "get" : "list")
        case .DELETE: return named ? "delete" : "deletecollection"
        case .POST: return "create"
        case .PUT: return "update"
        case .PATCH: return "patch"
        default: return request.method.rawValue.lowercased()
        }
    }

    private static func injectedFailure(_ status: Int, retryAfter: Int?) -> StatusError {
        switch status {
        case 429:
            return StatusError(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.",
                            details: retryAfter.map { ["retryAfterSeconds": .int(Int64($0))] }, retryAfterSeconds: retryAfter)
        case 503:
            return StatusError(code: 503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request",
                            details: retryAfter.map { ["retryAfterSeconds": .int(Int64($0))] }, retryAfterSeconds: retryAfter)
        case 504:
            return StatusError(code: 504, reason: "Timeout", message: "the server was unable to return a response in the time allotted, but may still be processing the request")
        default:
            return StatusError(code: status, reason: "InternalError", message: "Internal error occurred: injected fault",
                            retryAfterSeconds: retryAfter)
        }
    }
}

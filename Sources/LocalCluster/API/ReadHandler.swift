import Foundation
import Manifests

/// GET of one object (and its `status` / `scale`), LIST with selectors and pages, and WATCH.
struct ReadHandler: Sendable {
    let context: ClusterContext

    func get(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let key = target.key(name: name)
        guard let stored = await context.store.get(key) else { throw StatusError.notFound(target.groupResource, name: name) }
        switch target.subresource {
        case nil, "status":
            return ObjectEncoding(request: request).single(stored, resource: target.resource)
        case "scale" where target.resource.hasScale:
            return .json(ScaleSubresource.scale(of: stored.object))
        default:
            throw StatusError.resourceNotFound
        }
    }

    func list(_ target: ResourceRequest, request: APIRequest) async throws -> APIResponse {
        let labels = try LabelQuery(parsing: request.query["labelSelector"] ?? "")
        let fields = try FieldSelector(parsing: request.query["fieldSelector"] ?? "", kind: target.resource.kind)
        var (all, resourceVersion) = await context.store.list(target.groupResource, namespace: target.namespace)
        var start: String?
        if let token = request.query["continue"], !token.isEmpty {
            guard let decoded = ContinueToken(encoded: token) else {
                throw StatusError.badRequest("continue key is not valid: illegal base64 data at input byte 0")
            }
            start = decoded.after
            // Every page shows the list as of the first one, as etcd's snapshot reads do.
            guard let snapshot = await context.store.list(target.groupResource, namespace: target.namespace, asOf: decoded.resourceVersion) else {
                throw StatusError.expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
            }
            all = snapshot
            resourceVersion = decoded.resourceVersion
        }
        let limit = Int(request.query["limit"] ?? "") ?? 0
        var items: [StoredObject] = []
        var next: String?
        var remaining = 0
        for stored in all {
            let path = Self.path(of: stored.object)
            if let start, path <= start { continue }
            guard labels.matches(stored.labels), fields.matches(stored.object) else { continue }
            if limit > 0 && items.count >= limit {
                if next == nil { next = Self.path(of: items.last!.object) }
                remaining += 1
                continue
            }
            items.append(stored)
        }
        var metadata: JSONObject = ["resourceVersion": .string(String(resourceVersion))]
        if let next {
            metadata["continue"] = .string(ContinueToken(after: next, resourceVersion: resourceVersion).encoded)
            metadata["remainingItemCount"] = .int(Int64(remaining))
        }
        return ObjectEncoding(request: request).list(items, resource: target.resource, metadata: metadata)
    }

    func watch(_ target: ResourceRequest, request: APIRequest, cutAfter: Int?) async throws -> APIResponse {
        var filter = WatchFilter(resource: target.groupResource, namespace: target.namespace)
        filter.labels = try LabelQuery(parsing: request.query["labelSelector"] ?? "")
        filter.fields = try FieldSelector(parsing: request.query["fieldSelector"] ?? "", kind: target.resource.kind)
        if let name = target.name {
            filter.fields.requirements.append(.init(path: ["metadata", "name"], value: name, negated: false))
        }
        var since: Int64?
        // Watch-list (`sendInitialEvents`, beta and on in 1.32): the current state, a BOOKMARK
        // marking its end, then changes; it needs NotOlderThan and bookmarks (ValidateListOptions).
        let initialEvents = request.query["sendInitialEvents"].map { $0 == "true" || $0 == "1" } ?? false
        if initialEvents {
            var causes: [FieldCause] = []
            if request.query["resourceVersionMatch"] != "NotOlderThan" {
                causes.append(.forbidden(FieldErrorPath("resourceVersionMatch"), "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"))
            }
            if !request.query.flag("allowWatchBookmarks") {
                causes.append(.forbidden(FieldErrorPath("allowWatchBookmarks"), "allowWatchBookmarks must be set to true when sendInitialEvents is specified"))
            }
            if !causes.isEmpty { throw StatusError.invalid(kind: GroupKind(group: "meta.k8s.io", kind: "ListOptions"), name: "", causes: causes) }
        } else if let text = request.query["resourceVersion"], !text.isEmpty, text != "0" {
            guard let value = Int64(text) else { throw StatusError.badRequest("invalid resource version: \(text)") }
            since = value
        }
        let encoding = ObjectEncoding(request: request)
        let store = context.store
        let resource = target.resource
        let (events, id): (AsyncStream<StoreEvent>, UUID)
        do {
            (events, id) = try await store.watch(filter, after: since, markInitialEventsEnd: initialEvents)
        } catch let error as StatusError where error.code == 410 {
            // A real server answers 200 and sends the 410 as an ERROR event.
            let line = Array("{\"type\":\"ERROR\",\"object\":".utf8) + error.status.serializedBytes() + Array("}\n".utf8)
            return .stream(status: .ok, headers: ["Content-Type": "application/json"],
                           chunks: AsyncStream { continuation in continuation.yield(line); continuation.finish() })
        }
        let timeout = Double(request.query["timeoutSeconds"] ?? "")
        let bookmarks = request.query.flag("allowWatchBookmarks")
        let bookmarkInterval = context.scaled(30)
        let (chunks, output) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .unbounded)
        let pump = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    var sent = 0
                    for await event in events {
                        output.yield(encoding.watchLine(event, resource: resource))
                        if event.kind != .bookmark { sent += 1 }
                        if let cutAfter, sent >= cutAfter { output.yield([]); return }
                    }
                }
                if let timeout {
                    group.addTask { try? await Task.sleep(for: .milliseconds(Int64(timeout * 1000))) }
                }
                if bookmarks {
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: bookmarkInterval)
                            if Task.isCancelled { return }
                            await store.sendBookmark(to: id, resource: resource.storage)
                        }
                    }
                }
                await group.next()
                group.cancelAll()
            }
            await store.stopWatching(id)
            output.finish()
        }
        output.onTermination = { _ in pump.cancel() }
        return .stream(status: .ok, headers: ["Content-Type": "application/json"], chunks: chunks)
    }

    static func path(of object: JSON) -> String {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if let namespace = object[path: ["metadata", "namespace"]]?.stringValue, !namespace.isEmpty {
            return "\(namespace)/\(name)"
        }
        return name
    }
}

import Manifests

extension KubeClient {
    /// A never-ending sequence of changes to objects of `type`. A stream the server or the
    /// network ends is reopened from the last resourceVersion seen; when that is too old (410
    /// Expired) the watch lists again and yields `.relisted`. It ends when the consuming task is
    /// cancelled, or throws on an error that retrying cannot fix (e.g. Forbidden).
    public func watch(_ type: GroupVersionKind, _ request: WatchRequest = WatchRequest()) -> AsyncThrowingStream<WatchEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<WatchEvent, Error>.makeStream()
        let task = Task {
            do {
                try await WatchLoop(client: self, type: type, request: request, output: continuation).run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

/// The reconnecting loop behind `KubeClient.watch`.
struct WatchLoop {
    let client: KubeClient
    let type: GroupVersionKind
    let request: WatchRequest
    let output: AsyncThrowingStream<WatchEvent, Error>.Continuation

    /// Why one stream ended.
    private enum StreamEnd { case closed, expired, failed(Error) }

    func run() async throws {
        let resource = try await client.resource(for: type)
        var resourceVersion = request.resourceVersion
        var failures = 0
        while !Task.isCancelled {
            let end: StreamEnd
            do {
                end = try await stream(resource, from: &resourceVersion, afterFailure: failures > 0)
            } catch let error as APIError where error.reason == .expired || error.reason == .gone {
                end = .expired
            }
            switch end {
            case .closed:
                failures = 0
            case .expired:
                let list = try await client.listAll(type, namespace: request.namespace, labelSelector: request.labelSelector,
                                                    fieldSelector: request.fieldSelector)
                resourceVersion = list.resourceVersion
                output.yield(.relisted(items: list.items, resourceVersion: list.resourceVersion))
                failures = 0
            case .failed(let error):
                if Task.isCancelled { return }
                if failures == 0 { output.yield(.interrupted(reason: "\(error)")) }
                failures += 1
                let policy = client.transport.options.retryPolicy
                guard failures < max(policy.maxAttempts, 2) * 4,
                      let delay = policy.delay(afterAttempt: min(failures, 6), retryAfter: nil)
                else { throw error }
                try await Task.sleep(for: delay)
            }
        }
    }

    /// Opens one stream from `resourceVersion` and forwards its events, advancing the version.
    private func stream(_ resource: APIResource, from resourceVersion: inout String?, afterFailure: Bool) async throws -> StreamEnd {
        let namespace = resource.namespaced ? request.namespace : nil
        let path = resource.collectionPath(namespace: namespace) + PathSegment.query([
            ("watch", "true"), ("allowWatchBookmarks", "true"), ("resourceVersion", resourceVersion),
            ("labelSelector", request.labelSelector), ("fieldSelector", request.fieldSelector),
            ("timeoutSeconds", String(request.timeoutSeconds)),
        ])
        let chunks: AsyncThrowingStream<[UInt8], Error>
        do {
            (_, chunks) = try await client.transport.openStream(.init(method: .get, path: path, idempotent: true, timeout: nil))
        } catch let error as APIError where error.reason == .expired || error.reason == .gone {
            throw error
        } catch let error as APIError where error.status.code < 500 && error.status.code != 429 {
            throw error  // Forbidden, unknown resource: retrying cannot help
        } catch {
            return .failed(error)
        }
        if afterFailure { output.yield(.reconnected) }
        var splitter = LineSplitter()
        do {
            for try await chunk in chunks {
                for line in splitter.append(chunk) {
                    guard let event = try? JSON(parsing: line), let kind = event["type"]?.stringValue else { continue }
                    let object = event["object"] ?? .null
                    let version = object[path: ["metadata", "resourceVersion"]]?.stringValue
                    switch kind {
                    case "ADDED": output.yield(.added(object))
                    case "MODIFIED": output.yield(.modified(object))
                    case "DELETED": output.yield(.deleted(object))
                    case "BOOKMARK": if let version { output.yield(.bookmark(resourceVersion: version)) }
                    case "ERROR":
                        let status = APIStatus(json: object, fallbackCode: 500)
                        if status.code == 410 || status.reason == "Expired" || status.reason == "Gone" { return .expired }
                        return .failed(APIError(status: status, request: "WATCH \(path)"))
                    default: continue
                    }
                    if let version, !version.isEmpty { resourceVersion = version }
                }
            }
        } catch {
            return .failed(error)
        }
        return .closed
    }
}

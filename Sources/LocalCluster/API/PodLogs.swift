import Manifests

/// `pods/log`: the simulated containers run nothing, so their log says so (one line per
/// container start), which keeps `kubectl logs` working against the local cluster.
struct PodLogs: Sendable {
    let context: ClusterContext

    func respond(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        guard let stored = await context.store.get(target.key(name: name)) else {
            throw StatusError.notFound(target.groupResource, name: name)
        }
        let pod = stored.object
        let containers = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let container = request.query["container"] ?? (containers.count == 1 ? containers[0] : nil)
        guard let container else {
            throw StatusError.badRequest("a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]")
        }
        guard let status = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).first(where: { $0["name"]?.stringValue == container }),
              let started = status[path: ["state", "running", "startedAt"]]?.stringValue
                ?? status[path: ["state", "terminated", "startedAt"]]?.stringValue else {
            let reason = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [])
                .first { $0["name"]?.stringValue == container }?[path: ["state", "waiting", "reason"]]?.stringValue ?? "ContainerCreating"
            throw StatusError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(reason)")
        }
        let image = status["image"]?.stringValue ?? ""
        let line = "\(started) mooring local cluster: container \(container) (image \(image)) is simulated and writes no output\n"
        return .text(line)
    }
}

import Reconciler

/// Reads and writes an environment's notification memory beside its history in its cluster
/// (see `History+Notifications`): one GET of the history ConfigMap, and a server-side apply of
/// the one data key under field manager `mooring-notify`.
struct NotificationMemoryStore: Sendable {
    let cluster: any ClusterClient

    func load(environment: String) async throws -> NotificationMemory {
        NotificationMemory(json: try await cluster.history(environment: environment).notificationMemory)
    }

    func save(_ memory: NotificationMemory, environment: String) async throws {
        let configMap = History.notificationMemoryConfigMap(environment: environment, memory: memory.json)
        _ = try await cluster.apply(configMap, fieldManager: History.notificationsFieldManager, force: true, dryRun: false)
    }
}

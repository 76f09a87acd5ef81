import Manifests

/// What Notify remembers having told about an environment lives beside its history, in the same
/// ConfigMap (data key `notifications`, JSON Notify defines): the cluster is the truth, so the
/// memory survives restarts and is shared by replicas.
///
/// Notify writes the key with its own field manager (`mooring-notify`) and only that key, while
/// the history's apply (field manager `mooring`) never lists it: neither write drops the other's
/// fields, as server-side apply keeps what another manager owns.
extension History {
    public static let notificationsKey = "notifications"
    public static let notificationsFieldManager = "mooring-notify"

    /// The ConfigMap to server-side apply to store `memory` alone.
    public static func notificationMemoryConfigMap(environment: String, memory: JSON) -> JSON {
        var configMap = configMapIdentity(environment: environment)
        configMap["data"] = .object([notificationsKey: .string(memory.serialized())])
        return configMap
    }

    /// The stored memory, `nil` when there is none or it is not JSON (then Notify starts afresh).
    static func notificationMemory(in configMap: JSON) -> JSON? {
        guard let text = configMap[path: ["data", notificationsKey]]?.stringValue else { return nil }
        return try? JSON(parsing: text)
    }
}

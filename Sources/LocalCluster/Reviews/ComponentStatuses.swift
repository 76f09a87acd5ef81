import Manifests

/// `componentstatuses` (deprecated, still served by 1.32): the scheduler, controller manager and
/// etcd report Healthy, with the server's deprecation warning.
enum ComponentStatuses {
    static let warning = "v1 ComponentStatus is deprecated in v1.19+"

    static func item(_ name: String) -> JSON? {
        let message: String
        switch name {
        case "scheduler", "controller-manager": message = "ok"
        case "etcd-0": message = "ok"
        default: return nil
        }
        return ["kind": "ComponentStatus", "apiVersion": "v1",
                "metadata": ["name": .string(name), "creationTimestamp": .null],
                "conditions": [["type": "Healthy", "status": "True", "message": .string(message)]]]
    }

    static var all: [JSON] { ["controller-manager", "etcd-0", "scheduler"].compactMap(item) }
}

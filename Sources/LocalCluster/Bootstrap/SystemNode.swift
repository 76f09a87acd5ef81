import Manifests

/// The cluster's one Node, `local-node`: Ready, with capacity, addresses and node info as a
/// kubelet reports them, so `kubectl get nodes`, `describe node` and scheduling work. Its
/// conditions' heartbeat is renewed at each start.
enum SystemNode {
    static let name = Scheduling.nodeName
    static let nodes = GroupResource(group: "", resource: "nodes")

    static func object(now: String) -> JSON {
        let resources: JSON = ["cpu": "8", "ephemeral-storage": "100Gi", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                               "memory": "16Gi", "pods": "110"]
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name),
                "labels": ["beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                           "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux",
                           "node-role.kubernetes.io/control-plane": ""],
                "annotations": ["node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"],
            ],
            "spec": ["podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]],
            "status": [
                "addresses": [["type": "InternalIP", "address": "127.0.0.1"], ["type": "Hostname", "address": .string(name)]],
                "allocatable": resources, "capacity": resources,
                "conditions": conditions(now: now),
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": ["architecture": "amd64", "bootID": "00000000-0000-0000-0000-000000000001",
                             "containerRuntimeVersion": "containerd://1.7.24", "kernelVersion": "6.1.0",
                             "kubeProxyVersion": "v1.32.0", "kubeletVersion": "v1.32.0", "machineID": "6d6f6f72696e676c6f63616c6e6f6465",
                             "operatingSystem": "linux", "osImage": "Mooring local cluster",
                             "systemUUID": "00000000-0000-0000-0000-000000000001"],
            ],
        ]
    }

    /// The kubelet's four conditions: no pressure, Ready.
    static func conditions(now: String) -> JSON {
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSON {
            ["type": .string(type), "status": .string(status), "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now),
             "reason": .string(reason), "message": .string(message)]
        }
        return [condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")]
    }
}

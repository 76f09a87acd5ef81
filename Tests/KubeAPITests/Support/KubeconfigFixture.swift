import Manifests

/// A one-context kubeconfig as JSON (kubectl and Mooring both read JSON kubeconfigs).
enum KubeconfigFixture {
    static func single(cluster: JSON, user: JSON, namespace: String? = nil) -> String {
        var context: JSON = ["cluster": "test", "user": "test"]
        if let namespace { context["namespace"] = .string(namespace) }
        let config: JSON = [
            "apiVersion": "v1", "kind": "Config",
            "clusters": [["name": "test", "cluster": cluster]],
            "users": [["name": "test", "user": user]],
            "contexts": [["name": "test", "context": context]],
            "current-context": "test",
        ]
        return config.prettyPrinted()
    }
}

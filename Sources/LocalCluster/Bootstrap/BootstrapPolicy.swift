import Manifests

/// The RBAC roles and bindings a fresh 1.32 cluster has (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy`),
/// trimmed to those users meet: `cluster-admin` for `system:masters`, discovery, basic-user and
/// public-info for every authenticated user, and the aggregated `admin` / `edit` / `view` roles
/// with the rules of their `system:aggregate-to-*` parts for the built-in resources.
enum BootstrapPolicy {
    static let labels: JSON = ["kubernetes.io/bootstrapping": "rbac-defaults"]
    static let annotations: JSON = ["rbac.authorization.kubernetes.io/autoupdate": "true"]

    static func rule(_ groups: [String], _ resources: [String], _ verbs: [String]) -> JSON {
        ["apiGroups": .array(groups.map(JSON.string)), "resources": .array(resources.map(JSON.string)), "verbs": .array(verbs.map(JSON.string))]
    }

    static func nonResource(_ urls: [String], _ verbs: [String]) -> JSON {
        ["nonResourceURLs": .array(urls.map(JSON.string)), "verbs": .array(verbs.map(JSON.string))]
    }

    static let read = ["get", "list", "watch"]
    static let write = ["create", "delete", "deletecollection", "patch", "update"]

    static func clusterRole(_ name: String, rules: [JSON], extraLabels: JSONObject = [:], aggregateFrom: String? = nil) -> JSON {
        var labels = labels.objectValue ?? [:]
        for (key, value) in extraLabels { labels[key] = value }
        var role: JSON = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                          "metadata": ["name": .string(name), "labels": .object(labels), "annotations": annotations],
                          "rules": .array(rules)]
        if let aggregateFrom {
            let selector: JSON = .object(JSONObject([("rbac.authorization.k8s.io/aggregate-to-\(aggregateFrom)", JSON.string("true"))]))
            role["aggregationRule"] = ["clusterRoleSelectors": [["matchLabels": selector]]]
        }
        return role
    }

    static func binding(_ name: String, role: String, groups: [String]) -> JSON {
        ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
         "metadata": ["name": .string(name), "labels": labels, "annotations": annotations],
         "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)],
         "subjects": .array(groups.map { ["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string($0)] })]
    }

    private static let viewable: [(String, [String])] = [
        ("", ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "pods/log", "pods/status",
              "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status", "serviceaccounts", "services",
              "services/status", "bindings", "events", "limitranges", "resourcequotas", "resourcequotas/status", "namespaces",
              "namespaces/status"]),
        ("apps", ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
                  "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]),
        ("autoscaling", ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        ("batch", ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
        ("discovery.k8s.io", ["endpointslices"]),
        ("policy", ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        ("networking.k8s.io", ["ingresses", "ingresses/status", "networkpolicies"]),
    ]

    private static let editable: [(String, [String])] = [
        ("", ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "configmaps", "endpoints", "persistentvolumeclaims",
              "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
        ("apps", ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale",
                  "statefulsets", "statefulsets/scale"]),
        ("autoscaling", ["horizontalpodautoscalers"]),
        ("batch", ["cronjobs", "jobs"]),
        ("discovery.k8s.io", ["endpointslices"]),
        ("policy", ["poddisruptionbudgets"]),
        ("networking.k8s.io", ["ingresses", "networkpolicies"]),
    ]

    static var objects: [(GroupResource, JSON)] {
        let roles = RBACAuthorizer.clusterRoles, bindings = RBACAuthorizer.clusterRoleBindings
        let aggregateToView: JSONObject = ["rbac.authorization.k8s.io/aggregate-to-view": "true",
                                           "rbac.authorization.k8s.io/aggregate-to-edit": "true",
                                           "rbac.authorization.k8s.io/aggregate-to-admin": "true"]
        let aggregateToEdit: JSONObject = ["rbac.authorization.k8s.io/aggregate-to-edit": "true",
                                           "rbac.authorization.k8s.io/aggregate-to-admin": "true"]
        return [
            (roles, clusterRole("cluster-admin", rules: [rule(["*"], ["*"], ["*"]), nonResource(["*"], ["*"])])),
            (roles, clusterRole("system:discovery", rules: [nonResource(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi",
                                                                         "/openapi/*", "/readyz", "/version", "/version/"], ["get"])])),
            (roles, clusterRole("system:public-info-viewer", rules: [nonResource(["/healthz", "/livez", "/readyz", "/version", "/version/"], ["get"])])),
            (roles, clusterRole("system:basic-user", rules: [rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]),
                                                             rule(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"])])),
            (roles, clusterRole("admin", rules: [], aggregateFrom: "admin")),
            (roles, clusterRole("edit", rules: [], extraLabels: ["rbac.authorization.k8s.io/aggregate-to-admin": "true"], aggregateFrom: "edit")),
            (roles, clusterRole("view", rules: [], extraLabels: ["rbac.authorization.k8s.io/aggregate-to-edit": "true"], aggregateFrom: "view")),
            (roles, clusterRole("system:aggregate-to-view", rules: viewable.map { rule([$0.0], $0.1, read) }, extraLabels: aggregateToView)),
            (roles, clusterRole("system:aggregate-to-edit",
                                rules: editable.map { rule([$0.0], $0.1, write) }
                                    + [rule([""], ["secrets"], read), rule([""], ["serviceaccounts"], ["impersonate"]),
                                       rule([""], ["serviceaccounts/token"], ["create"]), rule([""], ["pods/eviction"], ["create"])],
                                extraLabels: aggregateToEdit)),
            (roles, clusterRole("system:aggregate-to-admin",
                                rules: [rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
                                        rule(["rbac.authorization.k8s.io"], ["rolebindings", "roles"], read + write)],
                                extraLabels: ["rbac.authorization.k8s.io/aggregate-to-admin": "true"])),
            (bindings, binding("cluster-admin", role: "cluster-admin", groups: ["system:masters"])),
            (bindings, binding("system:discovery", role: "system:discovery", groups: ["system:authenticated"])),
            (bindings, binding("system:basic-user", role: "system:basic-user", groups: ["system:authenticated"])),
            (bindings, binding("system:public-info-viewer", role: "system:public-info-viewer",
                               groups: ["system:authenticated", "system:unauthenticated"])),
        ]
    }
}

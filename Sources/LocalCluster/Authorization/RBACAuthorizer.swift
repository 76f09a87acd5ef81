import Manifests

/// Role-based access control over the stored Roles, ClusterRoles and their bindings, as the
/// RBAC authorizer evaluates them (`plugin/pkg/auth/authorizer/rbac`): a request is allowed when
/// a binding that names the user (directly, by a group, or as a service account) grants a rule
/// covering its verb, API group, resource (or subresource), name, or non-resource path.
/// ClusterRoles with an `aggregationRule` hold the rules of the ClusterRoles their selectors match.
struct RBACAuthorizer: Sendable {
    let store: ObjectStore

    struct Decision: Sendable, Equatable {
        var allowed: Bool
        var reason: String
    }

    static let clusterRoles = GroupResource(group: "rbac.authorization.k8s.io", resource: "clusterroles")
    static let clusterRoleBindings = GroupResource(group: "rbac.authorization.k8s.io", resource: "clusterrolebindings")
    static let roles = GroupResource(group: "rbac.authorization.k8s.io", resource: "roles")
    static let roleBindings = GroupResource(group: "rbac.authorization.k8s.io", resource: "rolebindings")

    func authorize(_ attributes: RequestAttributes, as user: UserInfo) async -> Decision {
        if user.isSuperuser { return Decision(allowed: true, reason: "") }
        for binding in await store.list(Self.clusterRoleBindings, namespace: nil).items.map(\.object)
        where Self.names(user, in: binding, bindingNamespace: "") {
            if await grants(binding, roleNamespace: "", attributes) {
                return Decision(allowed: true, reason: Self.reason(binding, kind: "ClusterRoleBinding", user: user))
            }
        }
        if !attributes.namespace.isEmpty {
            for binding in await store.list(Self.roleBindings, namespace: attributes.namespace).items.map(\.object)
            where Self.names(user, in: binding, bindingNamespace: attributes.namespace) {
                if await grants(binding, roleNamespace: attributes.namespace, attributes) {
                    return Decision(allowed: true, reason: Self.reason(binding, kind: "RoleBinding", user: user))
                }
            }
        }
        return Decision(allowed: false, reason: "")
    }

    /// Every rule bound to the user in a namespace (cluster-wide ones included), for SelfSubjectRulesReview.
    func rules(for user: UserInfo, namespace: String) async -> [JSON] {
        if user.isSuperuser {
            return [["verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]], ["verbs": ["*"], "nonResourceURLs": ["*"]]]
        }
        var rules: [JSON] = []
        for binding in await store.list(Self.clusterRoleBindings, namespace: nil).items.map(\.object)
        where Self.names(user, in: binding, bindingNamespace: "") {
            rules += await roleRules(binding, roleNamespace: "")
        }
        for binding in await store.list(Self.roleBindings, namespace: namespace).items.map(\.object)
        where Self.names(user, in: binding, bindingNamespace: namespace) {
            rules += await roleRules(binding, roleNamespace: namespace)
        }
        return rules
    }

    private func grants(_ binding: JSON, roleNamespace: String, _ attributes: RequestAttributes) async -> Bool {
        await roleRules(binding, roleNamespace: roleNamespace).contains { Self.rule($0, covers: attributes) }
    }

    private func roleRules(_ binding: JSON, roleNamespace: String) async -> [JSON] {
        let kind = binding[path: ["roleRef", "kind"]]?.stringValue ?? ""
        let name = binding[path: ["roleRef", "name"]]?.stringValue ?? ""
        if kind == "Role" {
            let key = ObjectKey(resource: Self.roles, namespace: roleNamespace, name: name)
            return await store.get(key)?.object["rules"]?.arrayValue ?? []
        }
        return await clusterRoleRules(name, seen: [])
    }

    private func clusterRoleRules(_ name: String, seen: Set<String>) async -> [JSON] {
        guard !seen.contains(name),
              let role = await store.get(ObjectKey(resource: Self.clusterRoles, namespace: "", name: name))?.object else { return [] }
        var rules = role["rules"]?.arrayValue ?? []
        if let selectors = role[path: ["aggregationRule", "clusterRoleSelectors"]]?.arrayValue {
            for other in await store.list(Self.clusterRoles, namespace: nil).items.map(\.object) {
                let labels = StoredObject.labels(of: other)
                let otherName = other[path: ["metadata", "name"]]?.stringValue ?? ""
                guard otherName != name, selectors.contains(where: { LabelQuery(selector: $0).matches(labels) }) else { continue }
                rules += await clusterRoleRules(otherName, seen: seen.union([name]))
            }
        }
        return rules
    }

    static func names(_ user: UserInfo, in binding: JSON, bindingNamespace: String) -> Bool {
        (binding["subjects"]?.arrayValue ?? []).contains { subject in
            let name = subject["name"]?.stringValue ?? ""
            switch subject["kind"]?.stringValue {
            case "User": return name == user.username
            case "Group": return user.groups.contains(name)
            case "ServiceAccount":
                let namespace = subject["namespace"]?.stringValue ?? bindingNamespace
                return user.username == "system:serviceaccount:\(namespace):\(name)"
            default: return false
            }
        }
    }

    static func rule(_ rule: JSON, covers attributes: RequestAttributes) -> Bool {
        func list(_ key: String) -> [String] { rule[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let verbs = list("verbs")
        guard verbs.contains("*") || verbs.contains(attributes.verb) else { return false }
        guard attributes.isResourceRequest else {
            let path = attributes.path ?? ""
            return list("nonResourceURLs").contains { $0 == "*" || $0 == path || ($0.hasSuffix("*") && path.hasPrefix(String($0.dropLast()))) }
        }
        let groups = list("apiGroups")
        guard groups.contains("*") || groups.contains(attributes.group) else { return false }
        let resources = list("resources")
        let combined = attributes.subresource.isEmpty ? attributes.resource : "\(attributes.resource)/\(attributes.subresource)"
        guard resources.contains("*") || resources.contains(combined)
            || (!attributes.subresource.isEmpty && resources.contains("*/\(attributes.subresource)")) else { return false }
        let names = list("resourceNames")
        return names.isEmpty || names.contains(attributes.name)
    }

    /// `RBAC: allowed by ClusterRoleBinding "view-all" of ClusterRole "view" to User "bob"`
    /// (a RoleBinding is named `name/namespace`).
    private static func reason(_ binding: JSON, kind: String, user: UserInfo) -> String {
        let bindingName = binding[path: ["metadata", "name"]]?.stringValue ?? ""
        let roleKind = binding[path: ["roleRef", "kind"]]?.stringValue ?? ""
        let roleName = binding[path: ["roleRef", "name"]]?.stringValue ?? ""
        let namespace = binding[path: ["metadata", "namespace"]]?.stringValue ?? ""
        let subject = (binding["subjects"]?.arrayValue ?? []).first { names(user, in: ["subjects": [$0]], bindingNamespace: namespace) }
        let subjectText = "\(subject?["kind"]?.stringValue ?? "User") \"\(subject?["name"]?.stringValue ?? user.username)\""
        let bindingText = namespace.isEmpty ? bindingName : "\(bindingName)/\(namespace)"
        return "RBAC: allowed by \(kind) \"\(bindingText)\" of \(roleKind) \"\(roleName)\" to \(subjectText)"
    }
}

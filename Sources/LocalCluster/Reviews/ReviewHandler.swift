import Manifests

/// The create-only kinds a server answers without storing anything: access reviews
/// (`kubectl auth can-i`), rules reviews (`can-i --list`), `kubectl auth whoami`, token reviews.
/// Each answer is the request with its `status` filled in, 201 Created, as kube-apiserver sends it.
struct ReviewHandler: Sendable {
    let context: ClusterContext

    func create(_ target: ResourceRequest, request: APIRequest) async throws -> APIResponse {
        var review = try RequestBody.object(request, for: target)
        review["metadata"] = ["creationTimestamp": .null]
        let status: JSON
        switch (target.resource.group, target.resource.kind) {
        case ("authorization.k8s.io", "SelfSubjectAccessReview"):
            status = try await access(review, user: request.user, kind: target.resource.groupKind)
        case ("authorization.k8s.io", "SubjectAccessReview"), ("authorization.k8s.io", "LocalSubjectAccessReview"):
            let user = UserInfo(reviewSpec: review["spec"])
            if user.username.isEmpty && user.groups.isEmpty {
                throw StatusError.invalid(kind: target.resource.groupKind, name: "",
                                          causes: [.invalid(FieldErrorPath("spec", "user"), .string(""), "at least one of user or group must be specified")])
            }
            if target.resource.kind == "LocalSubjectAccessReview" {
                let namespace = review[path: ["spec", "resourceAttributes", "namespace"]]?.stringValue ?? ""
                if namespace != target.namespace {
                    throw StatusError.invalid(kind: target.resource.groupKind, name: "",
                                              causes: [.invalid(FieldErrorPath("spec", "resourceAttributes", "namespace"), .string(namespace),
                                                                "must match metadata.namespace")])
                }
                review[path: ["metadata", "namespace"]] = .string(namespace)
            }
            status = try await access(review, user: user, kind: target.resource.groupKind)
        case ("authorization.k8s.io", "SelfSubjectRulesReview"):
            let namespace = review[path: ["spec", "namespace"]]?.stringValue ?? ""
            let rules = await RBACAuthorizer(store: context.store).rules(for: request.user, namespace: namespace)
            let resourceRules = rules.filter { $0["nonResourceURLs"] == nil }.map(Self.resourceRule)
            let nonResourceRules = rules.compactMap { rule -> JSON? in
                guard let urls = rule["nonResourceURLs"] else { return nil }
                return ["verbs": rule["verbs"] ?? [], "nonResourceURLs": urls]
            }
            status = ["resourceRules": .array(resourceRules), "nonResourceRules": .array(nonResourceRules), "incomplete": false]
        case ("authentication.k8s.io", "SelfSubjectReview"):
            status = ["userInfo": request.user.json]
        case ("authentication.k8s.io", "TokenReview"):
            status = tokenReview(review)
        default:
            throw StatusError.methodNotAllowed
        }
        review["status"] = status
        return .json(review, status: .created)
    }

    private func access(_ review: JSON, user: UserInfo, kind: GroupKind) async throws -> JSON {
        guard let attributes = RequestAttributes(reviewSpec: review["spec"]),
              (review[path: ["spec", "resourceAttributes"]] == nil) != (review[path: ["spec", "nonResourceAttributes"]] == nil) else {
            throw StatusError.invalid(kind: kind, name: "",
                                      causes: [.invalid(FieldErrorPath("spec", "resourceAttributes"), .string(""),
                                                        "exactly one of nonResourceAttributes or resourceAttributes must be specified")])
        }
        let decision = await RBACAuthorizer(store: context.store).authorize(attributes, as: user)
        var status: JSONObject = ["allowed": .bool(decision.allowed)]
        if !decision.reason.isEmpty { status["reason"] = .string(decision.reason) }
        return .object(status)
    }

    private func tokenReview(_ review: JSON) -> JSON {
        let token = review[path: ["spec", "token"]]?.stringValue ?? ""
        let requested = review[path: ["spec", "audiences"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch RequestAuthentication(context: context).user(token: token) {
        case .authenticated(let user):
            let audiences = requested.isEmpty ? [IssuedTokens.defaultAudience] : requested
            return ["authenticated": true, "user": user.json, "audiences": .array(audiences.map(JSON.string))]
        case .anonymous, .rejected:
            return ["user": .object([:]), "error": "[invalid bearer token, token lookup failed]"]
        }
    }

    /// A rule as SelfSubjectRulesReview lists it (verbs, apiGroups, resources, resourceNames).
    private static func resourceRule(_ rule: JSON) -> JSON {
        var out: JSONObject = ["verbs": rule["verbs"] ?? []]
        for key in ["apiGroups", "resources", "resourceNames"] { if let value = rule[key] { out[key] = value } }
        return .object(out)
    }
}

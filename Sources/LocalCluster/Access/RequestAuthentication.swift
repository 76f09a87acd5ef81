import Manifests

/// Who a request is from: the cluster's token is its admin, a token from `kubectl create token`
/// is that service account, no token is anonymous. An admin may act as someone else with the
/// `Impersonate-User` / `Impersonate-Group` headers (`kubectl --as`, `--as-group`).
struct RequestAuthentication: Sendable {
    let context: ClusterContext

    enum Outcome: Equatable {
        case authenticated(UserInfo)
        case anonymous
        /// A token the cluster does not know: 401.
        case rejected
    }

    func user(token: String?) -> Outcome {
        guard let token, !token.isEmpty else { return .anonymous }
        if BearerToken.matches(token, context.token) { return .authenticated(.admin) }
        if let issued = context.issuedTokens.user(for: token) { return .authenticated(issued.user) }
        return .rejected
    }

    /// The identity after impersonation headers (apiserver `filters.WithImpersonation`): only a
    /// superuser may impersonate here; the impersonated user is authenticated, and a service
    /// account gets its groups.
    static func impersonated(_ request: APIRequest, by user: UserInfo) throws -> UserInfo {
        guard let name = request.headers.first(name: "impersonate-user"), !name.isEmpty else {
            if !request.headers[canonicalForm: "impersonate-group"].isEmpty {
                throw StatusError(code: 500, reason: "InternalError",
                                  message: "Internal error occurred: requested [{Group  \(request.headers.first(name: "impersonate-group") ?? "")  authentication.k8s.io/v1  }] without impersonating a user")
            }
            return user
        }
        guard user.isSuperuser else {
            throw StatusError.forbidden(GroupResource(group: "", resource: "users"), name: name,
                                        why: "User \"\(user.username)\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope")
        }
        var groups = request.headers[canonicalForm: "impersonate-group"].map(String.init)
        var impersonated = UserInfo(username: name, uid: request.headers.first(name: "impersonate-uid") ?? "", groups: groups)
        if groups.isEmpty, let account = impersonated.serviceAccount {
            groups = UserInfo.serviceAccount(namespace: account.namespace, name: account.name, uid: "").groups
        }
        if name != UserInfo.anonymous.username && !groups.contains("system:authenticated") { groups.append("system:authenticated") }
        impersonated.groups = groups
        for (header, value) in request.headers where header.lowercased().hasPrefix("impersonate-extra-") {
            impersonated.extra[String(header.dropFirst("impersonate-extra-".count)).lowercased(), default: []].append(value)
        }
        return impersonated
    }
}

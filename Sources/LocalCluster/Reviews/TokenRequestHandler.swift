import Foundation
import Manifests

/// `serviceaccounts/<name>/token` (`kubectl create token`): a TokenRequest answered with a token
/// for the service account, valid for `spec.expirationSeconds` (default one hour, at least ten
/// minutes, as kube-apiserver requires) and accepted by this server until it expires.
struct TokenRequestHandler: Sendable {
    let context: ClusterContext
    static let accounts = GroupResource(group: "", resource: "serviceaccounts")
    static let kind = GroupKind(group: "authentication.k8s.io", kind: "TokenRequest")

    func create(_ target: ResourceRequest, name: String, request: APIRequest) async throws -> APIResponse {
        let namespace = target.namespace ?? ""
        guard let account = await context.store.get(ObjectKey(resource: Self.accounts, namespace: namespace, name: name)) else {
            throw StatusError.notFound(Self.accounts, name: name)
        }
        let body = try RequestBody.json(request)
        let seconds = body[path: ["spec", "expirationSeconds"]]?.intValue ?? 3600
        if seconds < 600 {
            throw StatusError.invalid(kind: Self.kind, name: name,
                                      causes: [.invalid(FieldErrorPath("spec", "expirationSeconds"), .int(seconds),
                                                        "may not specify a duration less than 10 minutes")])
        }
        if seconds > 1 << 32 {
            throw StatusError.invalid(kind: Self.kind, name: name,
                                      causes: [.invalid(FieldErrorPath("spec", "expirationSeconds"), .int(seconds),
                                                        "may not specify a duration larger than 2^32 seconds")])
        }
        var audiences = body[path: ["spec", "audiences"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        if audiences.isEmpty { audiences = [IssuedTokens.defaultAudience] }
        let uid = account.object[path: ["metadata", "uid"]]?.stringValue ?? ""
        let (token, expires) = context.issuedTokens.issue(namespace: namespace, name: name, uid: uid, audiences: audiences, seconds: seconds)
        let response: JSON = [
            "kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "creationTimestamp": .string(Timestamps.now())],
            "spec": ["audiences": .array(audiences.map(JSON.string)), "expirationSeconds": .int(seconds),
                     "boundObjectRef": body[path: ["spec", "boundObjectRef"]] ?? .null],
            "status": ["token": .string(token), "expirationTimestamp": .string(Timestamps.format(expires))],
        ]
        return .json(response, status: .created)
    }
}

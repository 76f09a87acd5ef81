import Manifests
import NIOHTTP1

/// A failed request, answered as a `Status` object with the reason, code and message a real
/// kube-apiserver uses (see k8s.io/apimachinery/pkg/api/errors).
struct StatusError: Error, Sendable {
    var code: Int
    var reason: String
    var message: String
    var details: JSONObject? = nil
    var retryAfterSeconds: Int? = nil

    var status: JSON {
        var object: JSONObject = [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]),
            "status": "Failure", "message": .string(message), "reason": .string(reason),
        ]
        if let details { object["details"] = .object(details) }
        object["code"] = .int(Int64(code))
        return .object(object)
    }

    var response: APIResponse {
        var response = APIResponse.json(status, status: HTTPResponseStatus(statusCode: code))
        if let retryAfterSeconds { response = response.adding(header: "Retry-After", value: String(retryAfterSeconds)) }
        return response
    }

    /// `deployments.apps` or `configmaps`: how messages name a resource.
    static func qualified(_ resource: GroupResource) -> String {
        resource.group.isEmpty ? resource.resource : "\(resource.resource).\(resource.group)"
    }

    private static func details(_ resource: GroupResource, name: String, kind: String? = nil) -> JSONObject {
        var details: JSONObject = ["name": .string(name)]
        if !resource.group.isEmpty { details["group"] = .string(resource.group) }
        details["kind"] = .string(kind ?? resource.resource)
        return details
    }

    static func notFound(_ resource: GroupResource, name: String) -> StatusError {
        StatusError(code: 404, reason: "NotFound", message: "\(qualified(resource)) \"\(name)\" not found",
                 details: details(resource, name: name))
    }

    static func alreadyExists(_ resource: GroupResource, name: String) -> StatusError {
        StatusError(code: 409, reason: "AlreadyExists", message: "\(qualified(resource)) \"\(name)\" already exists",
                 details: details(resource, name: name))
    }

    static func conflict(_ resource: GroupResource, name: String, why: String) -> StatusError {
        StatusError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(qualified(resource)) \"\(name)\": \(why)",
                 details: details(resource, name: name))
    }

    static func modified(_ resource: GroupResource, name: String) -> StatusError {
        conflict(resource, name: name,
                 why: "the object has been modified; please apply your changes to the latest version and try again")
    }

    /// 422 with field causes: `Deployment.apps "x" is invalid: spec.replicas: Invalid value: ...`,
    /// worded by the admission module's `RejectionStatus`.
    static func invalid(kind: GroupKind, name: String, causes: [FieldCause]) -> StatusError {
        let status = RejectionStatus.invalid(kind: kind, name: name, causes: causes)
        return StatusError(code: 422, reason: "Invalid", message: status["message"]?.stringValue ?? "",
                        details: status["details"]?.objectValue)
    }

    /// 403 Forbidden, worded as `errors.NewForbidden`: `configmaps "x" is forbidden: <why>`.
    static func forbidden(_ resource: GroupResource, name: String, why: String, causes: [JSON] = []) -> StatusError {
        let subject = name.isEmpty ? qualified(resource) : "\(qualified(resource)) \"\(name)\""
        var details = details(resource, name: name)
        if !causes.isEmpty { details["causes"] = .array(causes) }
        return StatusError(code: 403, reason: "Forbidden", message: "\(subject) is forbidden: \(why)", details: details)
    }

    /// A request RBAC denies: `pods is forbidden: User "bob" cannot list resource "pods" in API group "" …`.
    static func forbidden(_ attributes: RequestAttributes, user: UserInfo) -> StatusError {
        guard attributes.isResourceRequest else {
            return StatusError(code: 403, reason: "Forbidden", message: "forbidden: \(attributes.denial(for: user))", details: [:])
        }
        let resource = GroupResource(group: attributes.group, resource: attributes.resource)
        return forbidden(resource, name: attributes.name, why: attributes.denial(for: user))
    }

    /// A create in a namespace being deleted (NamespaceLifecycle admission).
    static func namespaceTerminating(_ resource: GroupResource, name: String, namespace: String) -> StatusError {
        forbidden(resource, name: name, why: "unable to create new content in namespace \(namespace) because it is being terminated",
                  causes: [["reason": "NamespaceTerminating", "message": .string("namespace \(namespace) is being terminated"),
                            "field": "metadata.namespace"]])
    }

    static func badRequest(_ message: String) -> StatusError {
        StatusError(code: 400, reason: "BadRequest", message: message)
    }

    static let unauthorized = StatusError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static let methodNotAllowed = StatusError(code: 405, reason: "MethodNotAllowed",
                                           message: "the server does not allow this method on the requested resource")

    static let resourceNotFound = StatusError(code: 404, reason: "NotFound",
                                           message: "the server could not find the requested resource")

    static func expired(_ message: String) -> StatusError {
        StatusError(code: 410, reason: "Expired", message: message)
    }

    static func internalError(_ message: String) -> StatusError {
        StatusError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }

    static func unsupportedMediaType(_ contentType: String) -> StatusError {
        StatusError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
                 details: ["causes": [["reason": "UnexpectedServerResponse", "message": .string(contentType)]]])
    }
}

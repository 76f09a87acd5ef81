import Manifests

/// The OpenAPI path items of one resource: collection, item, and subresource paths with the
/// operations and query parameters a real 1.32 server documents.
struct RESTPaths {
    let resource: APIResource
    let schemas: OpenAPISchemaSource

    func items() -> [(String, JSON)] {
        let root = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        let scope = resource.namespaced ? "\(root)/namespaces/{namespace}/\(resource.resource)" : "\(root)/\(resource.resource)"
        let ref = schemas.reference(for: resource.groupVersionKind)
        var items: [(String, JSON)] = [
            (scope, pathItem(["get": operation("list", ref: ref), "post": operation("create", ref: ref, write: true),
                              "delete": operation("deletecollection", ref: ref)], named: false)),
            ("\(scope)/{name}", pathItem(["get": operation("get", ref: ref), "put": operation("update", ref: ref, write: true),
                                          "patch": operation("patch", ref: ref, write: true),
                                          "delete": operation("delete", ref: ref)], named: true)),
        ]
        if resource.namespaced {
            items.append(("\(root)/\(resource.resource)", pathItem(["get": operation("list", ref: ref)], named: false, namespaced: false)))
        }
        if resource.hasStatus {
            items.append(("\(scope)/{name}/status", pathItem(["get": operation("get", ref: ref), "put": operation("update", ref: ref, write: true),
                                                              "patch": operation("patch", ref: ref, write: true)], named: true)))
        }
        if resource.hasScale {
            let scale = GroupVersionKind(group: "autoscaling", version: "v1", kind: "Scale")
            let scaleRef = schemas.reference(for: scale)
            items.append(("\(scope)/{name}/scale", pathItem(["get": operation("get", ref: scaleRef, kind: scale),
                                                             "put": operation("update", ref: scaleRef, kind: scale, write: true),
                                                             "patch": operation("patch", ref: scaleRef, kind: scale, write: true)],
                                                            named: true)))
        }
        return items
    }

    private func pathItem(_ operations: JSONObject, named: Bool, namespaced: Bool? = nil) -> JSON {
        var item = operations
        var parameters: [JSON] = []
        if named { parameters.append(Self.pathParameter("name", "name of the \(resource.kind)")) }
        if namespaced ?? resource.namespaced {
            parameters.append(Self.pathParameter("namespace", "object name and auth scope, such as for teams and projects"))
        }
        parameters.append(Self.queryParameter("pretty", "If 'true', then the output is pretty printed."))
        item["parameters"] = .array(parameters)
        return .object(item)
    }

    private func operation(_ action: String, ref: String, kind: GroupVersionKind? = nil, write: Bool = false) -> JSON {
        let type = kind ?? resource.groupVersionKind
        var operation: JSONObject = [
            "tags": .array([.string(resource.group.isEmpty ? "core_\(resource.version)" : "\(resource.group)_\(resource.version)")]),
            "description": .string("\(action) \(type.kind)"),
            "operationId": .string("\(action)\(type.kind)"),
        ]
        var parameters: [JSON] = []
        switch action {
        case "list", "deletecollection":
            for name in ["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "timeoutSeconds", "watch", "allowWatchBookmarks"] {
                parameters.append(Self.queryParameter(name, name))
            }
        default: break
        }
        if write {
            parameters.append(Self.queryParameter("dryRun", "When present, indicates that modifications should not be persisted."))
            parameters.append(Self.queryParameter("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."))
            parameters.append(Self.queryParameter("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields."))
            if action == "patch" { parameters.append(Self.queryParameter("force", "Force is going to \"force\" Apply requests.", type: "boolean")) }
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        let schema: JSON = ["$ref": .string(ref)]
        if write {
            var content: JSONObject = [:]
            if action == "patch" {
                content["application/apply-patch+yaml"] = ["schema": ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]]
                content["application/json-patch+json"] = ["schema": ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]]
                content["application/merge-patch+json"] = ["schema": ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]]
                if !resource.isCustom && schemas.hasSchema(for: type) {
                    content["application/strategic-merge-patch+json"] = ["schema": ["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Patch"]]
                }
            } else {
                content["*/*"] = ["schema": schema]
            }
            operation["requestBody"] = ["content": .object(content), "required": true]
        }
        operation["responses"] = ["200": ["description": "OK", "content": ["application/json": ["schema": schema]]],
                                  "401": ["description": "Unauthorized"]]
        operation["x-kubernetes-action"] = .string(action == "create" ? "post" : action == "update" ? "put" : action)
        operation["x-kubernetes-group-version-kind"] = ["group": .string(type.group), "version": .string(type.version), "kind": .string(type.kind)]
        return .object(operation)
    }

    private static func pathParameter(_ name: String, _ description: String) -> JSON {
        ["name": .string(name), "in": "path", "description": .string(description), "required": true,
         "schema": ["type": "string", "uniqueItems": true]]
    }

    private static func queryParameter(_ name: String, _ description: String, type: String = "string") -> JSON {
        ["name": .string(name), "in": "query", "description": .string(description),
         "schema": ["type": .string(type), "uniqueItems": true]]
    }
}

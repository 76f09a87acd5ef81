/// The REST paths and operations of one resource in an OpenAPI v3 document, shaped like
/// kube-apiserver's: operation ids such as `patchAppsV1NamespacedDeployment`, the
/// `x-kubernetes-action` and `x-kubernetes-group-version-kind` extensions, and the query
/// parameters each verb accepts.
enum OpenAPIPaths {
    /// `custom`: a CRD's resource, whose PATCH takes no strategic merge patch (kubectl reads this
    /// and sends a JSON merge patch instead).
    static func add(_ resource: ServedResource, objectSchema: String, listSchema: String, custom: Bool = false, to paths: inout JSONObject) {
        let prefix = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        let scope = resource.namespaced ? "\(prefix)/namespaces/{namespace}/\(resource.resource)" : "\(prefix)/\(resource.resource)"
        let gvk: JSON = ["group": .string(resource.group), "kind": .string(resource.kind), "version": .string(resource.version)]
        let token = operationToken(resource)
        let namespaced = resource.namespaced ? "Namespaced" : ""
        let object = reference(objectSchema)
        let list = reference(listSchema)
        let verbs = Set(resource.verbs)
        let pathParameters: [JSON] = resource.namespaced ? [namespaceParameter, prettyParameter] : [prettyParameter]

        var collection: JSONObject = ["parameters": .array(pathParameters)]
        if verbs.contains("list") {
            collection["get"] = operation("list\(token)\(namespaced)\(resource.kind)", action: "list", gvk: gvk, resource: resource,
                                          parameters: listParameters, response: list, codes: ["200"])
        }
        if verbs.contains("create") {
            collection["post"] = operation("create\(token)\(namespaced)\(resource.kind)", action: "post", gvk: gvk, resource: resource,
                                           parameters: writeParameters, body: object, response: object, codes: ["200", "201", "202"])
        }
        if verbs.contains("deletecollection") {
            collection["delete"] = operation("deletecollection\(token)\(namespaced)\(resource.kind)", action: "deletecollection", gvk: gvk, resource: resource,
                                             parameters: deleteParameters + listParameters, body: reference("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
                                             response: reference("io.k8s.apimachinery.pkg.apis.meta.v1.Status"), codes: ["200"])
        }
        paths[scope] = .object(collection)
        // Create-only kinds (access reviews, token reviews) have no `{name}` path.
        guard verbs.contains("get") else { return }

        paths[scope + "/{name}"] = item(resource: resource, token: token, namespaced: namespaced, suffix: "", gvk: gvk,
                                        schema: object, pathParameters: [nameParameter] + pathParameters, withDelete: verbs.contains("delete"),
                                        custom: custom)
        if resource.hasStatus {
            paths[scope + "/{name}/status"] = item(resource: resource, token: token, namespaced: namespaced, suffix: "Status", gvk: gvk,
                                                   schema: object, pathParameters: [nameParameter] + pathParameters, withDelete: false,
                                                   custom: custom)
        }
        if resource.hasScale {
            let scaleGVK: JSON = ["group": "autoscaling", "kind": "Scale", "version": "v1"]
            paths[scope + "/{name}/scale"] = item(resource: resource, token: token, namespaced: namespaced, suffix: "Scale", gvk: scaleGVK,
                                                  schema: reference("io.k8s.api.autoscaling.v1.Scale"), pathParameters: [nameParameter] + pathParameters, withDelete: false)
        }
        if resource.namespaced, verbs.contains("list") {
            paths["\(prefix)/\(resource.resource)"] = ["get": operation("list\(token)\(resource.kind)ForAllNamespaces", action: "list", gvk: gvk, resource: resource,
                                                                        parameters: listParameters, response: list, codes: ["200"]),
                                                       "parameters": [prettyParameter]]
        }
    }

    /// The `{name}` path (or its `/status`, `/scale`): get, replace, patch and delete.
    private static func item(resource: ServedResource, token: String, namespaced: String, suffix: String, gvk: JSON,
                             schema: JSON, pathParameters: [JSON], withDelete: Bool, custom: Bool = false) -> JSON {
        let patchTypes = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"]
            + (custom ? [] : ["application/strategic-merge-patch+json"])
        let name = "\(token)\(namespaced)\(resource.kind)\(suffix)"
        var item: JSONObject = ["parameters": .array(pathParameters)]
        item["get"] = operation("read\(name)", action: "get", gvk: gvk, resource: resource, parameters: [], response: schema, codes: ["200"])
        item["put"] = operation("replace\(name)", action: "put", gvk: gvk, resource: resource, parameters: writeParameters,
                                body: schema, response: schema, codes: ["200", "201"])
        item["patch"] = operation("patch\(name)", action: "patch", gvk: gvk, resource: resource, parameters: writeParameters + [query("force", type: "boolean")],
                                  body: reference("io.k8s.apimachinery.pkg.apis.meta.v1.Patch"), response: schema, codes: ["200", "201"],
                                  bodyTypes: patchTypes)
        if withDelete {
            item["delete"] = operation("delete\(name)", action: "delete", gvk: gvk, resource: resource, parameters: deleteParameters,
                                       body: reference("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
                                       response: reference("io.k8s.apimachinery.pkg.apis.meta.v1.Status"), codes: ["200", "202"])
        }
        return .object(item)
    }

    private static func operation(_ id: String, action: String, gvk: JSON, resource: ServedResource, parameters: [JSON],
                                  body: JSON? = nil, response: JSON, codes: [String], bodyTypes: [String] = ["*/*"]) -> JSON {
        var op: JSONObject = ["tags": [.string(tag(resource))], "operationId": .string(id)]
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if let body {
            var content = JSONObject()
            for type in bodyTypes { content[type] = ["schema": body] }
            op["requestBody"] = ["content": .object(content), "required": true]
        }
        var responses = JSONObject()
        for code in codes {
            responses[code] = ["description": "OK",
                               "content": ["application/json": ["schema": response], "application/yaml": ["schema": response]]]
        }
        responses["401"] = ["description": "Unauthorized"]
        op["responses"] = .object(responses)
        op["x-kubernetes-action"] = .string(action)
        op["x-kubernetes-group-version-kind"] = gvk
        return .object(op)
    }

    private static func reference(_ name: String) -> JSON { ["$ref": .string(SchemaDefinitions.referencePrefix + name)] }

    private static func query(_ name: String, type: String = "string") -> JSON {
        ["name": .string(name), "in": "query", "schema": ["type": .string(type), "uniqueItems": true]]
    }

    private static let nameParameter: JSON = ["name": "name", "in": "path", "required": true, "schema": ["type": "string", "uniqueItems": true]]
    private static let namespaceParameter: JSON = ["name": "namespace", "in": "path", "required": true, "schema": ["type": "string", "uniqueItems": true]]
    private static let prettyParameter = query("pretty")
    private static let writeParameters = [query("dryRun"), query("fieldManager"), query("fieldValidation")]
    private static let deleteParameters = [query("dryRun"), query("gracePeriodSeconds", type: "integer"), query("ignoreStoreReadErrorWithClusterBreakingPotential", type: "boolean"),
                                           query("orphanDependents", type: "boolean"), query("propagationPolicy")]
    private static let listParameters = [query("allowWatchBookmarks", type: "boolean"), query("continue"), query("fieldSelector"), query("labelSelector"),
                                         query("limit", type: "integer"), query("resourceVersion"), query("resourceVersionMatch"),
                                         query("sendInitialEvents", type: "boolean"), query("timeoutSeconds", type: "integer"), query("watch", type: "boolean")]

    /// `CoreV1`, `AppsV1`, `RbacAuthorizationV1`, `NetworkingV1`: the group and version in an operation id.
    static func operationToken(_ resource: ServedResource) -> String {
        groupWord(resource.group, capitalized: true) + resource.version.prefix(1).uppercased() + resource.version.dropFirst()
    }

    /// `core_v1`, `apps_v1`, `rbacAuthorization_v1`: the tag kube-apiserver files operations under.
    static func tag(_ resource: ServedResource) -> String {
        groupWord(resource.group, capitalized: false) + "_" + resource.version
    }

    private static func groupWord(_ group: String, capitalized: Bool) -> String {
        var name = group.isEmpty ? "core" : group
        for suffix in [".k8s.io", ".apiserver.k8s.io"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        let words = name.split(separator: ".").map(String.init)
        let joined = words.enumerated().map { index, word in
            index == 0 && !capitalized ? word : word.prefix(1).uppercased() + word.dropFirst()
        }.joined()
        return joined
    }
}

import Manifests

/// Where OpenAPI component schemas come from.
/// TODO: back this with Manifests' KubeSchema (bundled 1.32 definitions) when it lands; until then
/// kinds get a skeleton schema (type, GVK) and the PATCH operations offer no strategic merge,
/// so kubectl's client-side apply uses its compiled-in types for merge keys.
struct OpenAPISchemaSource: Sendable {
    func hasSchema(for kind: GroupVersionKind) -> Bool { false }

    func name(for kind: GroupVersionKind) -> String {
        if kind.group == "autoscaling" && kind.kind == "Scale" { return "io.k8s.api.autoscaling.v1.Scale" }
        let group = kind.group.isEmpty ? "core" : kind.group.split(separator: ".").first.map(String.init) ?? kind.group
        return "io.k8s.api.\(group).\(kind.version).\(kind.kind)"
    }

    func reference(for kind: GroupVersionKind) -> String { "#/components/schemas/\(name(for: kind))" }

    func components(for kinds: [GroupVersionKind], registry: ResourceRegistry) -> JSONObject {
        var components: JSONObject = [:]
        for kind in kinds {
            var schema: JSONObject = ["type": "object", "description": .string("\(kind.kind) (\(kind.apiVersion))")]
            if let custom = registry.resource(for: kind)?.customSchema { schema = custom.objectValue ?? schema }
            schema["x-kubernetes-group-version-kind"] = [["group": .string(kind.group), "kind": .string(kind.kind), "version": .string(kind.version)]]
            components[name(for: kind)] = .object(schema)
        }
        components["io.k8s.apimachinery.pkg.apis.meta.v1.Patch"] = ["type": "object",
            "description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."]
        return components
    }
}

import Foundation

/// The Kubernetes 1.32 API as Mooring knows it: the served resource types and their schemas.
///
/// `KubeSchema.builtin` is read once from the bundled `schema-1.32.json` (made by
/// `scripts/generate-schema.py`) and is cheap to copy: the definitions are shared. Custom resources
/// are added with `adding(customResourceDefinition:)`, which returns a new value and leaves the
/// original as it was.
public struct KubeSchema: Sendable {
    public let kubernetesVersion: String
    public internal(set) var resources: [ServedResource]
    let definitions: SchemaDefinitions
    /// Root schemas of custom resources, by kind; built-in kinds resolve through `definitions`.
    var customRoots: [GroupVersionKind: JSON] = [:]
    var definitionNameByKind: [GroupVersionKind: String] = [:]

    /// The bundled schema, loaded on first use.
    public static let builtin: KubeSchema = {
        do {
            return try KubeSchema.loadBundled()
        } catch {
            preconditionFailure("the bundled Kubernetes schema is unreadable: \(error)")
        }
    }()

    /// Reads the bundled resource; `builtin` caches the result.
    public static func loadBundled() throws -> KubeSchema {
        guard let url = Bundle.module.url(forResource: "schema-1.32", withExtension: "json") else {
            throw KubeSchemaError.missingResource("schema-1.32.json")
        }
        return try KubeSchema(document: JSON(parsing: Array(try Data(contentsOf: url))))
    }

    /// Builds a schema from a document in the generator's format
    /// (`kubernetesVersion`, `resources`, `definitions`).
    public init(document: JSON) throws {
        guard let definitionObject = document["definitions"]?.objectValue,
              let table = document["resources"]?.arrayValue
        else { throw KubeSchemaError.malformed("expected `definitions` and `resources`") }
        kubernetesVersion = document["kubernetesVersion"]?.stringValue ?? ""
        definitions = SchemaDefinitions(definitionObject)
        resources = try table.map { entry in
            guard let resource = ServedResource(tableEntry: entry) else {
                throw KubeSchemaError.malformed("bad resource entry \(entry.serialized())")
            }
            return resource
        }
        for name in definitions.names {
            let node = SchemaNode(raw: definitions.byName[name]!, definitions: definitions)
            for gvk in node.groupVersionKinds where definitionNameByKind[gvk] == nil {
                definitionNameByKind[gvk] = name
            }
        }
    }

    // MARK: - Resource look-ups

    public func resource(for kind: GroupVersionKind) -> ServedResource? {
        resources.first { $0.group == kind.group && $0.version == kind.version && $0.kind == kind.kind }
    }

    /// The resource a URL names: `apps`, `v1`, `deployments`.
    public func resource(group: String, version: String, plural: String) -> ServedResource? {
        resources.first { $0.group == group && $0.version == version && $0.resource == plural }
    }

    /// The resource a short name names (`deploy`, `svc`), as kubectl expands it.
    public func resource(shortName: String) -> ServedResource? {
        let name = shortName.lowercased()
        return resources.first { $0.shortNames.contains(name) }
    }

    /// The resource a command-line word names, as kubectl resolves it: plural, singular, short name
    /// or kind, optionally qualified by group (`deployments.apps`).
    public func resource(named word: String) -> ServedResource? {
        var name = word.lowercased()
        var group: String?
        if let dot = name.firstIndex(of: ".") {
            group = String(name[name.index(after: dot)...])
            name = String(name[..<dot])
        }
        return resources.first { resource in
            (group == nil || resource.group == group)
                && (resource.resource == name || resource.singular == name || resource.shortNames.contains(name)
                    || resource.kind.lowercased() == name)
        }
    }

    /// The resources in a category (`all`), as `kubectl get all` expands it.
    public func resources(inCategory category: String) -> [ServedResource] {
        resources.filter { $0.categories.contains(category) }
    }

    // MARK: - Schema look-ups

    /// The schema of a kind's objects, or `nil` for a kind the schema does not know.
    public func node(for kind: GroupVersionKind) -> SchemaNode? {
        if let custom = customRoots[kind] { return SchemaNode(raw: custom, definitions: definitions) }
        guard let name = definitionNameByKind[kind], let raw = definitions.byName[name] else { return nil }
        return SchemaNode(raw: raw, definitions: definitions, definitionName: name)
    }

    /// The schema at a field path of a kind's objects: `node(for: deployment, at: ["spec", "replicas"])`.
    public func node(for kind: GroupVersionKind, at path: [String]) -> SchemaNode? {
        node(for: kind)?.descendant(path)
    }

    /// A named definition: `io.k8s.api.core.v1.Container`.
    public func definition(named name: String) -> SchemaNode? {
        guard let raw = definitions.byName[name] else { return nil }
        return SchemaNode(raw: raw, definitions: definitions, definitionName: name)
    }

    /// The definition name of a built-in kind (`io.k8s.api.apps.v1.Deployment`).
    public func definitionName(for kind: GroupVersionKind) -> String? { definitionNameByKind[kind] }

    /// Every definition name, in the resource file's (sorted) order.
    public var definitionNames: [String] { definitions.names }

    /// The raw OpenAPI v3 schema of a definition, as it goes under `components.schemas`.
    public func rawDefinition(named name: String) -> JSON? { definitions.byName[name] }

    /// The given definitions and every definition they reference, sorted: the `components.schemas`
    /// an OpenAPI document for those kinds needs.
    public func definitionClosure(of roots: [String]) -> [String] {
        var seen = Set<String>()
        var pending = roots
        while let name = pending.popLast() {
            guard !seen.contains(name), let raw = definitions.byName[name] else { continue }
            seen.insert(name)
            KubeSchema.collectReferences(in: raw, into: &pending)
        }
        return seen.sorted()
    }

    static func collectReferences(in node: JSON, into names: inout [String]) {
        switch node {
        case .object(let object):
            for (key, value) in object {
                if key == "$ref", let ref = value.stringValue {
                    names.append(SchemaDefinitions.name(fromReference: ref))
                } else {
                    collectReferences(in: value, into: &names)
                }
            }
        case .array(let items):
            for item in items { collectReferences(in: item, into: &names) }
        default:
            break
        }
    }
}

/// Why a schema could not be read.
public enum KubeSchemaError: Error, CustomStringConvertible, Sendable, Equatable {
    case missingResource(String)
    case malformed(String)
    /// A CRD the schema cannot take, with the reason.
    case invalidCustomResourceDefinition(String)

    public var description: String {
        switch self {
        case .missingResource(let name): return "the bundled resource \(name) is missing"
        case .malformed(let detail): return "malformed schema document: \(detail)"
        case .invalidCustomResourceDefinition(let detail): return "invalid CustomResourceDefinition: \(detail)"
        }
    }
}

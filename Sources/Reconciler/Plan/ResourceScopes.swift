import Manifests

/// The seam that says whether a kind lives in a namespace. API discovery answers for the live
/// cluster; the built-in table and the revision's own CRDs answer before any request is made.
public protocol ResourceScopes: Sendable {
    /// `true` for namespaced kinds, `false` for cluster-scoped ones, `nil` when unknown.
    func isNamespaced(_ groupKind: GroupKind) -> Bool?
}

/// Asks each source in turn; the first that knows wins.
public struct LayeredResourceScopes: ResourceScopes {
    public var sources: [any ResourceScopes]

    public init(_ sources: [any ResourceScopes]) { self.sources = sources }

    public func isNamespaced(_ groupKind: GroupKind) -> Bool? {
        for source in sources {
            if let answer = source.isNamespaced(groupKind) { return answer }
        }
        return nil
    }
}

/// Scopes of the kinds the bundled Kubernetes 1.32 schema serves.
public struct SchemaResourceScopes: ResourceScopes {
    private let namespaced: [GroupKind: Bool]

    /// The built-in kinds' scopes, read once.
    public static let builtin = SchemaResourceScopes(schema: .builtin)

    public init(schema: KubeSchema) {
        var scopes: [GroupKind: Bool] = [:]
        for resource in schema.resources {
            scopes[GroupKind(group: resource.group, kind: resource.kind)] = resource.namespaced
        }
        namespaced = scopes
    }

    public func isNamespaced(_ groupKind: GroupKind) -> Bool? { namespaced[groupKind] }
}

/// Scopes declared by CustomResourceDefinitions, e.g. those of the revision being applied, so
/// custom resources can be prepared before their CRD exists in the cluster.
public struct DefinedResourceScopes: ResourceScopes {
    public private(set) var scopes: [GroupKind: Bool] = [:]

    /// Reads `spec.group`, `spec.names.kind` and `spec.scope` of every CRD among `objects`.
    public init(definitionsAmong objects: [JSON]) {
        for object in objects where object["kind"]?.stringValue == "CustomResourceDefinition" {
            guard let group = object[path: ["spec", "group"]]?.stringValue,
                  let kind = object[path: ["spec", "names", "kind"]]?.stringValue,
                  let scope = object[path: ["spec", "scope"]]?.stringValue
            else { continue }
            scopes[GroupKind(group: group, kind: kind)] = scope == "Namespaced"
        }
    }

    public func isNamespaced(_ groupKind: GroupKind) -> Bool? { scopes[groupKind] }
}

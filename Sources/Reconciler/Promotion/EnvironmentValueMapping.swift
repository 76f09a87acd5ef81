import Manifests

/// The values that name the environment itself and so must not travel from source to target:
/// the source's namespaces (`django-develop` → `django-master`) and the environment's name
/// (`develop` → `master`, e.g. in a label `environment: develop`).
///
/// Only whole string values are mapped, anywhere in an object (`metadata.namespace`, a
/// Namespace's own name, a RoleBinding subject's namespace, a label value), never keys or parts
/// of strings: `develop.example.com` is a host name, not a namespace, and stays as it is unless
/// `--keep` keeps the target's.
public struct EnvironmentValueMapping: Sendable, Hashable {
    /// Source value → target value.
    public var replacements: [String: String]

    public init(replacements: [String: String]) {
        self.replacements = replacements
    }

    /// Works out the namespace mapping from the two environments' objects:
    /// 1. an object of the same kind and name in both (the usual case) maps its namespace;
    /// 2. a single Namespace object on each side maps its name;
    /// 3. any source namespace still unmapped goes to the target's only namespace, if it has one
    ///    (otherwise it stays: a new environment's folder names its namespaces itself).
    public static func infer(source: [JSON], target: [JSON], fromEnvironment: String, toEnvironment: String) -> EnvironmentValueMapping {
        var map: [String: String] = [:]
        var targetNamespaceByKey: [String: String] = [:]
        for object in target {
            if let identity = ObjectIdentity(of: object), let namespace = identity.namespace {
                targetNamespaceByKey[key(identity)] = targetNamespaceByKey[key(identity)] ?? namespace
            }
        }
        for object in source {
            guard let identity = ObjectIdentity(of: object), let namespace = identity.namespace,
                  map[namespace] == nil, let targetNamespace = targetNamespaceByKey[key(identity)] else { continue }
            map[namespace] = targetNamespace
        }
        let sourceNamespaceObjects = namespaceObjects(source), targetNamespaceObjects = namespaceObjects(target)
        if sourceNamespaceObjects.count == 1, targetNamespaceObjects.count == 1, map[sourceNamespaceObjects[0]] == nil {
            map[sourceNamespaceObjects[0]] = targetNamespaceObjects[0]
        }
        let targetNamespaces = Set(target.compactMap { $0[path: ["metadata", "namespace"]]?.stringValue })
        if targetNamespaces.count == 1, let fallback = targetNamespaces.first {
            for object in source {
                if let namespace = object[path: ["metadata", "namespace"]]?.stringValue, map[namespace] == nil {
                    map[namespace] = fallback
                }
            }
        }
        if fromEnvironment != toEnvironment, map[fromEnvironment] == nil {
            map[fromEnvironment] = toEnvironment
        }
        return EnvironmentValueMapping(replacements: map.filter { $0.key != $0.value })
    }

    /// The value with every mapped whole string replaced.
    public func apply(to value: JSON) -> JSON {
        guard !replacements.isEmpty else { return value }
        switch value {
        case .string(let text):
            return replacements[text].map(JSON.string) ?? value
        case .array(let items):
            return .array(items.map(apply))
        case .object(let object):
            var mapped = JSONObject()
            for (key, member) in object { mapped[key] = apply(to: member) }
            return .object(mapped)
        default:
            return value
        }
    }

    private static func key(_ identity: ObjectIdentity) -> String {
        "\(identity.group)/\(identity.kind)/\(identity.name)"
    }

    private static func namespaceObjects(_ objects: [JSON]) -> [String] {
        objects.compactMap { object in
            guard let identity = ObjectIdentity(of: object), identity.group.isEmpty, identity.kind == "Namespace" else { return nil }
            return identity.name
        }
    }
}

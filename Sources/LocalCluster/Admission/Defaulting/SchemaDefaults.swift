import Manifests

/// Structural-schema defaulting of custom resources: every absent field whose schema has a
/// `default` gets it, inside objects that are present, as the apiextensions-apiserver does
/// (`structuraldefaulting.Default`); built-in kinds default in code instead (`Defaulting`).
enum SchemaDefaults {
    static func apply(to value: inout JSON, node: SchemaNode) {
        switch (value, node.type) {
        case (.object(var object), .object):
            for name in node.propertyNames {
                guard let field = node.property(name) else { continue }
                if object[name] == nil, let fallback = field.defaultValue { object[name] = fallback }
                if var child = object[name] {
                    apply(to: &child, node: field)
                    object[name] = child
                }
            }
            value = .object(object)
        case (.object(var object), .map):
            guard let values = node.mapValues else { return }
            for key in object.keys {
                var child = object[key]!
                apply(to: &child, node: values)
                object[key] = child
            }
            value = .object(object)
        case (.array(var items), .array):
            guard let element = node.items else { return }
            for index in items.indices { apply(to: &items[index], node: element) }
            value = .array(items)
        default:
            return
        }
    }
}

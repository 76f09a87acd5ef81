import Manifests

/// Quantities of built-in kinds come back from a real server in canonical form, because the
/// server decodes them into `resource.Quantity` and encodes them again: `cpu: 1000m` is stored as
/// `"1"`, `memory: 1024Mi` as `"1Gi"`, a bare `cpu: 0.5` as `"500m"`. Resource lists (requests,
/// limits, quotas, claims) are first rounded up to millis (`SetDefaults_ResourceList`). Values
/// that do not parse are left for decoding to reject. Custom resources keep what was written.
enum QuantityNormalization {
    static func apply(to object: inout JSON, node: SchemaNode) {
        normalize(&object, node: node, inResourceList: false)
    }

    private static func normalize(_ value: inout JSON, node: SchemaNode, inResourceList: Bool) {
        switch (value, node.type) {
        case (_, .quantity):
            guard var quantity = KubeQuantity(value) else { return }
            if inResourceList { quantity = quantity.roundedUpToMillis }
            value = .string(quantity.canonical)
        case (.object(var object), .object):
            for key in object.keys {
                guard let field = node.property(key) else { continue }
                var child = object[key]!
                normalize(&child, node: field, inResourceList: false)
                object[key] = child
            }
            value = .object(object)
        case (.object(var object), .map):
            guard let values = node.mapValues else { return }
            let resourceList = values.type == .quantity
            for key in object.keys {
                var child = object[key]!
                normalize(&child, node: values, inResourceList: resourceList)
                object[key] = child
            }
            value = .object(object)
        case (.array(var items), .array):
            guard let element = node.items else { return }
            for index in items.indices { normalize(&items[index], node: element, inResourceList: false) }
            value = .array(items)
        default:
            return
        }
    }
}

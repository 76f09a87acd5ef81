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
        guard node.mayContainQuantities else { return }
        switch (value, node.type) {
        case (_, .quantity):
            guard var quantity = KubeQuantity(value) else { return }
            if inResourceList { quantity = quantity.roundedUpToMillis }
            value = .string(quantity.canonical)
        case (.object, .object):
            value.editMembers { members in
                for key in members.keys {
                    guard let field = node.property(key), field.mayContainQuantities, var child = members[key] else { continue }
                    members[key] = .null
                    normalize(&child, node: field, inResourceList: false)
                    members[key] = child
                }
            }
        case (.object, .map):
            guard let values = node.mapValues else { return }
            let resourceList = values.type == .quantity
            value.editMembers { members in
                for key in members.keys {
                    guard var child = members[key] else { continue }
                    members[key] = .null
                    normalize(&child, node: values, inResourceList: resourceList)
                    members[key] = child
                }
            }
        case (.array(var items), .array):
            guard let element = node.items, element.mayContainQuantities else { return }
            value = .null
            for index in items.indices { normalize(&items[index], node: element, inResourceList: false) }
            value = .array(items)
        default:
            return
        }
    }
}

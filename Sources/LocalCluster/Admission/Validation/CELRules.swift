import Manifests

/// CRD validation rules (`x-kubernetes-validations`), evaluated with the local CEL subset at
/// every schema node that declares them, `self` being the value there and `oldSelf` its previous
/// value on updates (transition rules are skipped on create, as on a real server). A rule that
/// evaluates to false fails as apiextensions reports it (`spec: Invalid value: "object": <message>`);
/// a rule this evaluator cannot evaluate is skipped (README, "Deviations").
enum CELRules {
    static func validate(_ object: JSON, old: JSON?, node: SchemaNode) -> [FieldCause] {
        var causes: [FieldCause] = []
        visit(object, old: old, node: node, path: "", causes: &causes)
        return causes
    }

    private static func visit(_ value: JSON, old: JSON?, node: SchemaNode, path: String, causes: inout [FieldCause]) {
        if case .null = value { return }
        for rule in node.raw["x-kubernetes-validations"]?.arrayValue ?? [] {
            if let cause = check(rule, value: value, old: old, node: node, path: path) { causes.append(cause) }
        }
        switch (value, node.type) {
        case (.object(let object), .object):
            for name in node.propertyNames {
                guard let field = node.property(name), let child = object[name] else { continue }
                if path.isEmpty && ["apiVersion", "kind", "metadata"].contains(name) { continue }
                visit(child, old: old?[name], node: field, path: path.isEmpty ? name : path + "." + name, causes: &causes)
            }
        case (.object(let object), .map):
            guard let values = node.mapValues else { return }
            for key in object.keys { visit(object[key]!, old: old?[key], node: values, path: path + "[\(key)]", causes: &causes) }
        case (.array(let items), .array):
            guard let element = node.items else { return }
            for (index, item) in items.enumerated() { visit(item, old: nil, node: element, path: path + "[\(index)]", causes: &causes) }
        default:
            return
        }
    }

    private static func check(_ rule: JSON, value: JSON, old: JSON?, node: SchemaNode, path: String) -> FieldCause? {
        guard let text = rule["rule"]?.stringValue, let expression = try? CELParser.parse(text) else { return nil }
        let transition = text.contains("oldSelf")
        if transition && old == nil && rule["optionalOldSelf"]?.boolValue != true { return nil }
        var variables: [String: CELValue] = ["self": CELValue(value)]
        if let old { variables["oldSelf"] = CELValue(old) }
        guard let result = try? CELEvaluator(variables: variables).evaluate(expression), result == .bool(false) else { return nil }
        var message = rule["message"]?.stringValue ?? "failed rule: \(text)"
        if let source = rule["messageExpression"]?.stringValue, let parsed = try? CELParser.parse(source),
           case .string(let computed)? = try? CELEvaluator(variables: variables).evaluate(parsed), !computed.isEmpty {
            message = computed
        }
        var fieldPath = path
        if let relative = rule["fieldPath"]?.stringValue, !relative.isEmpty {
            fieldPath = path + (relative.hasPrefix(".") && path.isEmpty ? String(relative.dropFirst()) : relative)
        }
        let errorPath = FieldErrorPath(fieldPath.isEmpty ? "<nil>" : fieldPath)
        switch rule["reason"]?.stringValue {
        case "FieldValueForbidden": return .forbidden(errorPath, message)
        case "FieldValueRequired": return .required(errorPath, message)
        case "FieldValueDuplicate": return FieldCause(type: .duplicate, field: errorPath.description, message: "Duplicate value: \(message)")
        default:
            let type = node.raw["type"]?.stringValue ?? (node.type == .array ? "array" : "object")
            return .invalid(errorPath, .string(type), message)
        }
    }
}

import Foundation
import Manifests

/// OpenAPI schema validation of custom resources (kube-openapi `validate`, as the
/// apiextensions-apiserver runs it): required fields, enums, numeric bounds and patterns, each
/// reported like the real server (`spec.replicas: Invalid value: -1: spec.replicas in body should
/// be greater than or equal to 0`). Wrong types are found while decoding (`BodyDecoding`).
enum SchemaValidation {
    static func validate(_ object: JSON, node: SchemaNode) -> [FieldCause] {
        var causes: [FieldCause] = []
        for name in ["spec", "status"] + node.propertyNames.filter({ !["apiVersion", "kind", "metadata", "spec", "status"].contains($0) }) {
            guard let field = node.property(name) else { continue }
            if let value = object[name] {
                visit(value, node: field, path: name, causes: &causes)
            } else if node.requiredProperties.contains(name) {
                causes.append(.required(FieldErrorPath(name)))
            }
        }
        return causes
    }

    private static func visit(_ value: JSON, node: SchemaNode, path: String, causes: inout [FieldCause]) {
        if case .null = value { return }
        let fieldPath = FieldErrorPath(path)
        if let allowed = node.enumValues, !allowed.contains(value) {
            causes.append(.notSupported(fieldPath, .json(value), supported: allowed.map { $0.stringValue ?? $0.serialized() }))
        }
        if let number = value.doubleValue {
            if let minimum = node.raw["minimum"]?.doubleValue {
                let exclusive = node.raw["exclusiveMinimum"]?.boolValue == true
                if exclusive ? number <= minimum : number < minimum {
                    causes.append(.invalid(fieldPath, .json(value), "\(path) in body should be greater than \(exclusive ? "" : "or equal to ")\(format(minimum))"))
                }
            }
            if let maximum = node.raw["maximum"]?.doubleValue {
                let exclusive = node.raw["exclusiveMaximum"]?.boolValue == true
                if exclusive ? number >= maximum : number > maximum {
                    causes.append(.invalid(fieldPath, .json(value), "\(path) in body should be less than \(exclusive ? "" : "or equal to ")\(format(maximum))"))
                }
            }
        }
        causes += bounds(value, node: node, path: path)
        if let text = value.stringValue, let pattern = node.raw["pattern"]?.stringValue,
           let regex = try? NSRegularExpression(pattern: pattern),
           regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
            causes.append(.invalid(fieldPath, .string(text), "\(path) in body should match '\(pattern)'"))
        }
        switch (value, node.type) {
        case (.object(let object), .object):
            for name in node.propertyNames {
                guard let field = node.property(name) else { continue }
                if let child = object[name] {
                    visit(child, node: field, path: path + "." + name, causes: &causes)
                } else if node.requiredProperties.contains(name) {
                    causes.append(.required(fieldPath.child(name)))
                }
            }
        case (.object(let object), .map):
            guard let values = node.mapValues else { return }
            for (key, child) in object { visit(child, node: values, path: path + "." + key, causes: &causes) }
        case (.array(let items), .array):
            guard let element = node.items else { return }
            for (index, item) in items.enumerated() { visit(item, node: element, path: path + "[\(index)]", causes: &causes) }
        default:
            return
        }
    }

    /// Lengths, item and property counts, multiples, as apiextensions reports kube-openapi's
    /// errors: maxLength as TooLong, maxItems/maxProperties as TooMany, the minimums as Invalid.
    private static func bounds(_ value: JSON, node: SchemaNode, path: String) -> [FieldCause] {
        let fieldPath = FieldErrorPath(path)
        func limit(_ key: String) -> Int? { node.raw[key]?.intValue.map(Int.init) }
        var causes: [FieldCause] = []
        switch value {
        case .string(let text):
            let length = text.unicodeScalars.count
            if let maximum = limit("maxLength"), length > maximum { causes.append(.tooLong(fieldPath, maximum: maximum)) }
            if let minimum = limit("minLength"), length < minimum {
                causes.append(.invalid(fieldPath, .string(text), "\(path) in body should be at least \(minimum) chars long"))
            }
        case .array(let items):
            if let maximum = limit("maxItems"), items.count > maximum { causes.append(.tooMany(fieldPath, actual: items.count, maximum: maximum)) }
            if let minimum = limit("minItems"), items.count < minimum {
                causes.append(.invalid(fieldPath, .int(Int64(items.count)), "\(path) in body should have at least \(minimum) items"))
            }
        case .object(let members):
            if let maximum = limit("maxProperties"), members.count > maximum {
                causes.append(.tooMany(fieldPath, actual: members.count, maximum: maximum))
            }
            if let minimum = limit("minProperties"), members.count < minimum {
                causes.append(.invalid(fieldPath, .int(Int64(members.count)), "\(path) in body should have at least \(minimum) properties"))
            }
        case .int, .double:
            if let step = node.raw["multipleOf"]?.doubleValue, step > 0, let number = value.doubleValue,
               (number / step).rounded() != number / step {
                causes.append(.invalid(fieldPath, .json(value), "\(path) in body should be a multiple of \(format(step))"))
            }
        default:
            break
        }
        return causes
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}

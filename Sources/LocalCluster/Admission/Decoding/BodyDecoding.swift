import Manifests

/// Decodes a request body against a kind's schema the way kube-apiserver does: unknown fields,
/// duplicate fields, and values of the wrong type, each reported with the real server's words.
public enum BodyDecoding {
    /// Checks an object (and, when given, its raw JSON `body`, the only place duplicates survive).
    /// A kind the schema does not know yields an empty report.
    public static func check(_ object: JSON, body: [UInt8]? = nil, schema: KubeSchema = .builtin) -> DecodingReport {
        var report = DecodingReport()
        if let body { report.duplicateFields = DuplicateFieldScanner.duplicates(in: body) }
        guard let kind = kind(of: object), let root = schema.node(for: kind) else { return report }
        var walker = Walker(builtin: root.definitionName != nil)
        walker.visit(object, node: root)
        report.unknownFields = walker.unknownFields
        report.typeError = walker.typeError
        report.schemaCauses = walker.schemaCauses
        return report
    }

    /// The object with the fields its schema does not declare removed, as decoding into Go structs
    /// (or pruning a custom resource) leaves it under `Warn` and `Ignore`.
    public static func droppingUnknownFields(_ object: JSON, schema: KubeSchema = .builtin) -> JSON {
        guard let kind = kind(of: object), let root = schema.node(for: kind) else { return object }
        return prune(object, node: root)
    }

    static func kind(of object: JSON) -> GroupVersionKind? {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue else { return nil }
        return GroupVersionKind(apiVersion: apiVersion, kind: kind)
    }

    private static func prune(_ value: JSON, node: SchemaNode) -> JSON {
        switch (value, node.type) {
        case (.object(let object), .object):
            var kept = JSONObject()
            for (key, child) in object {
                if let field = node.property(key) {
                    kept[key] = prune(child, node: field)
                } else if node.preservesUnknownFields {
                    kept[key] = child
                }
            }
            return .object(kept)
        case (.object(let object), .map):
            guard let values = node.mapValues else { return value }
            var kept = JSONObject()
            for (key, child) in object { kept[key] = prune(child, node: values) }
            return .object(kept)
        case (.array(let items), .array):
            guard let element = node.items else { return value }
            return .array(items.map { prune($0, node: element) })
        default:
            return value
        }
    }

    /// One pass over the object in document order, so the first type error is the one Go reports.
    /// Paths are kept as steps and spelled out only when something is reported.
    private struct Walker {
        /// A field of a struct (with the struct's definition, for Go's error context), a map key, or a list index.
        enum Step {
            case field(String, owner: String?)
            case key(String)
            case index(Int)
        }

        let builtin: Bool
        var unknownFields: [String] = []
        var typeError: String?
        var schemaCauses: [FieldCause] = []
        var steps: [Step] = []

        init(builtin: Bool) { self.builtin = builtin }

        /// The strict-decoding path: `spec.template.spec.containers[0].foo`.
        var path: String {
            var text = ""
            for step in steps {
                switch step {
                case .field(let name, _), .key(let name): text += text.isEmpty ? name : "." + name
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }

        /// Go's `UnmarshalTypeError` context: the struct fields only (`spec.template.spec.containers.ports`)
        /// and the innermost struct's type name.
        var goContext: (path: String, owner: String?) {
            var names: [String] = []
            var owner: String?
            for case .field(let name, let fieldOwner) in steps {
                names.append(name)
                owner = fieldOwner
            }
            return (names.joined(separator: "."), owner)
        }

        mutating func visit(_ value: JSON, node: SchemaNode) {
            if case .null = value { return }
            switch node.type {
            case .rawJSON:
                return
            case .object:
                guard case .object(let object) = value else { return mismatch(value, node) }
                for (key, child) in object {
                    if let field = node.property(key) {
                        steps.append(.field(key, owner: node.definitionName))
                        visit(child, node: field)
                        steps.removeLast()
                    } else if !node.preservesUnknownFields {
                        steps.append(.key(key))
                        unknownFields.append(self.path)
                        steps.removeLast()
                    }
                }
            case .map:
                guard case .object(let object) = value else { return mismatch(value, node) }
                guard let values = node.mapValues else { return }
                for (key, child) in object {
                    steps.append(.key(key))
                    visit(child, node: values)
                    steps.removeLast()
                }
            case .array:
                guard case .array(let items) = value else { return mismatch(value, node) }
                guard let element = node.items else { return }
                for (index, item) in items.enumerated() {
                    steps.append(.index(index))
                    visit(item, node: element)
                    steps.removeLast()
                }
            case .string:
                guard let text = value.stringValue else { return mismatch(value, node) }
                if builtin, node.format == "byte", typeError == nil, let offset = Base64Syntax.errorOffset(in: text) {
                    typeError = "illegal base64 data at input byte \(offset)"
                }
            case .boolean:
                if value.boolValue == nil { mismatch(value, node) }
            case .number:
                if value.doubleValue == nil { mismatch(value, node) }
            case .integer:
                if !fitsInteger(value, format: node.format) { mismatch(value, node) }
            case .intOrString:
                if value.stringValue == nil, !fitsInteger(value, format: "int32") { mismatch(value, node) }
            case .quantity:
                if builtin {
                    if typeError == nil, let error = QuantitySyntax.error(in: value.stringValue ?? value.serialized()) { typeError = error }
                } else if value.stringValue == nil, value.doubleValue == nil {
                    mismatch(value, node)
                }
            }
        }

        private func fitsInteger(_ value: JSON, format: String?) -> Bool {
            // Go accepts 3.0 into an int only when written as an integer literal.
            guard case .int(let i) = value else { return false }
            if format == "int32" { return Int64(Int32.min)...Int64(Int32.max) ~= i }
            return true
        }

        private mutating func mismatch(_ value: JSON, _ node: SchemaNode) {
            if builtin {
                guard typeError == nil else { return }
                let context = goContext
                let owner = context.owner.map { String($0.split(separator: ".").last ?? "") } ?? ""
                let location = owner.isEmpty ? "Go value" : "Go struct field \(owner).\(context.path)"
                typeError = "json: cannot unmarshal \(goValueKind(value, into: node)) into \(location) of type \(GoTypeName.of(node))"
            } else {
                // Custom resources: OpenAPI schema validation (kube-openapi validate), a 422 cause.
                let expected: String
                switch node.type {
                case .intOrString: expected = "integer,string"
                case .quantity: expected = "number,string"
                case .map: expected = "object"
                default: expected = node.type.rawValue
                }
                let actual = value.typeName
                let path = self.path
                schemaCauses.append(.invalid(FieldErrorPath(path), .string(actual),
                                             "\(path) in body must be of type \(expected): \(GoValue.quote(actual))"))
            }
        }

        /// How `encoding/json` names the offending JSON value: `string`, `bool`, `object`, `array`,
        /// `number`, or `number 1.5` when an integer field cannot hold it.
        private func goValueKind(_ value: JSON, into node: SchemaNode) -> String {
            switch value {
            case .string: return "string"
            case .bool: return "bool"
            case .object: return "object"
            case .array: return "array"
            case .null: return "null"
            case .int, .double:
                return node.type == .integer || node.type == .intOrString ? "number \(value.serialized())" : "number"
            }
        }
    }
}

import Manifests

/// Table columns of a custom resource: its CRD's `additionalPrinterColumns` (JSONPath of the
/// simple `.a.b` / `.a[0].b` form), or Name and Age when it declares none.
enum CustomResourceColumns {
    static func columns(_ printerColumns: [JSON]) -> [TableColumn] {
        if printerColumns.isEmpty { return [.name, .age] }
        return [.name] + printerColumns.map { definition in
            let path = definition["jsonPath"]?.stringValue ?? ""
            let type = definition["type"]?.stringValue ?? "string"
            return TableColumn(name: definition["name"]?.stringValue ?? "", type: type,
                               format: definition["format"]?.stringValue ?? "",
                               priority: Int(definition["priority"]?.intValue ?? 0),
                               description: definition["description"]?.stringValue ?? "") { object in
                let value = evaluate(path, object)
                if type == "date", let text = value?.stringValue { return .string(HumanDuration.since(text)) }
                return value ?? .null
            }
        }
    }

    /// `.spec.replicas`, `.status.conditions[0].type`, `.metadata.labels.app`.
    static func evaluate(_ path: String, _ object: JSON) -> JSON? {
        var current: JSON? = object
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
            }
            if !name.isEmpty { current = current?[String(name)] }
            if let index { current = current?[index] }
        }
        return current
    }
}

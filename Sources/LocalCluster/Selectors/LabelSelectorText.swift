import Manifests

/// A selector in its query-string form (`app=web,tier in (a,b)`).
enum LabelSelectorText {
    static func format(_ selector: JSON?) -> String {
        guard let selector else { return "" }
        var parts: [String] = []
        for (key, value) in (selector["matchLabels"]?.objectValue ?? [:]).sortedByKey() {
            parts.append("\(key)=\(value.stringValue ?? "")")
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
            switch expression["operator"]?.stringValue {
            case "In": parts.append("\(key) in (\(values))")
            case "NotIn": parts.append("\(key) notin (\(values))")
            case "Exists": parts.append(key)
            default: parts.append("!\(key)")
            }
        }
        return parts.joined(separator: ",")
    }
}

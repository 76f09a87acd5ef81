import Manifests

/// A `metav1.LabelSelector` read from JSON: matching template labels, and printing it as Go's `%#v`
/// does in a validation message.
struct LabelSelector {
    struct Requirement {
        var key: String
        var `operator`: String
        var values: [String]?
    }

    var matchLabels: JSONObject?
    var matchExpressions: [Requirement]?

    init(_ json: JSON) {
        matchLabels = json["matchLabels"]?.objectValue
        matchExpressions = json["matchExpressions"]?.arrayValue?.map { entry in
            Requirement(key: entry["key"]?.stringValue ?? "", operator: entry["operator"]?.stringValue ?? "",
                        values: entry["values"]?.arrayValue?.compactMap(\.stringValue))
        }
    }

    var isEmpty: Bool { (matchLabels?.count ?? 0) + (matchExpressions?.count ?? 0) == 0 }

    /// `LabelSelectorAsSelector` fails on an unknown operator or a malformed requirement.
    var isConvertible: Bool {
        (matchExpressions ?? []).allSatisfy { requirement in
            switch requirement.operator {
            case "In", "NotIn": return !(requirement.values ?? []).isEmpty
            case "Exists", "DoesNotExist": return (requirement.values ?? []).isEmpty
            default: return false
            }
        }
    }

    func matches(_ labels: JSONObject) -> Bool {
        for (key, value) in matchLabels ?? JSONObject() where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] {
            let value = labels[requirement.key]?.stringValue
            switch requirement.operator {
            case "In": if value == nil || !(requirement.values ?? []).contains(value!) { return false }
            case "NotIn": if let value, (requirement.values ?? []).contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`
    var goValue: GoValue {
        let expressions: String
        if let matchExpressions {
            let items = matchExpressions.map { requirement in
                "v1.LabelSelectorRequirement{Key:\(GoValue.quote(requirement.key)), Operator:\(GoValue.quote(requirement.operator)), Values:\(GoValue.stringSliceLiteral(requirement.values))}"
            }
            expressions = "[]v1.LabelSelectorRequirement{" + items.joined(separator: ", ") + "}"
        } else {
            expressions = "[]v1.LabelSelectorRequirement(nil)"
        }
        return GoValue(formatted: "v1.LabelSelector{MatchLabels:\(GoValue.stringMapLiteral(matchLabels)), MatchExpressions:\(expressions)}")
    }
}

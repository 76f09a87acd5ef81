import Foundation
import Manifests

/// A `fieldSelector` query: `metadata.name=x,metadata.namespace!=y`. Besides the metadata
/// fields every resource supports, the few per-kind fields kubectl itself uses are accepted.
struct FieldSelector: Sendable, Equatable {
    struct Requirement: Sendable, Equatable {
        var path: [String]
        var value: String
        var negated: Bool
    }

    var requirements: [Requirement] = []

    init() {}

    init(parsing text: String, kind: String) throws {
        for term in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !term.isEmpty {
            let negated = term.contains("!=")
            let separator = negated ? "!=" : (term.contains("==") ? "==" : "=")
            guard let range = term.range(of: separator) else {
                throw StatusError.badRequest("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let field = String(term[..<range.lowerBound])
            guard Self.supported(field, kind: kind) else {
                throw StatusError.badRequest("field label not supported: \(field)")
            }
            requirements.append(Requirement(path: field.split(separator: ".").map(String.init),
                                            value: String(term[range.upperBound...]), negated: negated))
        }
    }

    func matches(_ object: JSON) -> Bool {
        requirements.allSatisfy { requirement in
            let actual: String
            switch object[path: requirement.path] {
            case .string(let s)?: actual = s
            case .int(let i)?: actual = String(i)
            case .bool(let b)?: actual = String(b)
            default: actual = ""
            }
            return (actual == requirement.value) != requirement.negated
        }
    }

    private static func supported(_ field: String, kind: String) -> Bool {
        if field == "metadata.name" || field == "metadata.namespace" { return true }
        switch kind {
        case "Pod": return ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                            "status.phase", "status.podIP", "status.nominatedNodeName"].contains(field)
        case "Event": return field.hasPrefix("involvedObject.") || ["reason", "source", "type", "reportingComponent"].contains(field)
        case "Secret": return field == "type"
        case "Namespace": return field == "status.phase"
        case "Node": return field == "spec.unschedulable"
        case "ReplicaSet", "Job": return field == "status.replicas" || field == "status.successful"
        default: return false
        }
    }
}

import Manifests

/// Ingress rules (`pkg/apis/networking/validation/validation.go` validateHTTPIngressRuleValue,
/// release-1.32): every path needs a `pathType`, and Exact/Prefix paths must be absolute.
enum IngressValidation {
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]

    static func validate(_ spec: JSON?) -> [FieldCause] {
        var causes: [FieldCause] = []
        for (ruleIndex, rule) in (spec?["rules"]?.arrayValue ?? []).enumerated() {
            let rulePath = FieldPath("spec").child("rules").index(ruleIndex)
            if let host = rule["host"]?.stringValue, !host.isEmpty {
                let checked = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
                causes += NameRules.dns1123Subdomain(checked).map { .invalid(rulePath.child("host"), .string(host), $0) }
            }
            for (pathIndex, httpPath) in (rule[path: ["http", "paths"]]?.arrayValue ?? []).enumerated() {
                let path = rulePath.child("http", "paths").index(pathIndex)
                let value = httpPath["path"]?.stringValue ?? ""
                guard let type = httpPath["pathType"]?.stringValue else {
                    causes.append(.required(path.child("pathType"), "pathType must be specified"))
                    continue
                }
                switch type {
                case "Exact", "Prefix":
                    if !value.hasPrefix("/") { causes.append(.invalid(path.child("path"), .string(value), "must be an absolute path")) }
                case "ImplementationSpecific":
                    if !value.isEmpty, !value.hasPrefix("/") { causes.append(.invalid(path.child("path"), .string(value), "must be an absolute path")) }
                default:
                    causes.append(.notSupported(path.child("pathType"), .string(type), supported: pathTypes))
                }
            }
        }
        return causes
    }
}

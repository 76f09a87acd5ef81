import Manifests

/// Ingress rules (`pkg/apis/networking/validation/validation.go` validateHTTPIngressRuleValue,
/// release-1.32): every path needs a `pathType`, Exact/Prefix paths must be absolute, and each
/// backend names a Service and its port.
enum IngressValidation {
    static let pathTypes = ["Exact", "ImplementationSpecific", "Prefix"]

    static func validate(_ spec: JSON?) -> [FieldCause] {
        var causes: [FieldCause] = []
        for (ruleIndex, rule) in (spec?["rules"]?.arrayValue ?? []).enumerated() {
            let rulePath = FieldErrorPath("spec").child("rules").index(ruleIndex)
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
                causes += backend(httpPath["backend"], path: path.child("backend"))
            }
        }
        return causes
    }

    /// validateIngressBackend and validateIngressServiceBackend: one kind of backend, a Service name
    /// that is a DNS-1035 label, and a port name or number (not both).
    static func backend(_ backend: JSON?, path: FieldErrorPath) -> [FieldCause] {
        let service = backend?["service"]
        let resource = backend?["resource"]
        switch (service?.objectValue != nil, resource?.objectValue != nil) {
        case (true, true):
            return [.invalid(path, .string(""), "cannot set both resource and service backends")]
        case (false, true):
            return []
        case (false, false):
            return [.invalid(path, .string(""), "resource or service backend is required")]
        case (true, false):
            break
        }
        let servicePath = path.child("service")
        var causes: [FieldCause] = []
        let name = service?["name"]?.stringValue ?? ""
        if name.isEmpty {
            causes.append(.required(servicePath.child("name")))
        } else {
            causes += NameRules.dns1035Label(name).map { .invalid(servicePath.child("name"), .string(name), $0) }
        }
        let portName = service?[path: ["port", "name"]]?.stringValue ?? ""
        let portNumber = service?[path: ["port", "number"]]?.intValue ?? 0
        switch (!portName.isEmpty, portNumber != 0) {
        case (true, true):
            causes.append(.invalid(servicePath, .string(""), "cannot set both port name & port number"))
        case (true, false):
            causes += PortRules.portName(portName).map { .invalid(servicePath.child("port", "name"), .string(portName), $0) }
        case (false, true):
            causes += NameRules.portNumber(portNumber).map { .invalid(servicePath.child("port", "number"), .int(portNumber), $0) }
        case (false, false):
            causes.append(.required(servicePath, "port name or number is required"))
        }
        return causes
    }
}

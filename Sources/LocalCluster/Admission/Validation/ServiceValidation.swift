import Manifests

/// The common parts of `ValidateService` (`pkg/apis/core/validation/validation.go`, release-1.32).
enum ServiceValidation {
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]

    /// In ValidateService's order: ports required, external name, each port, selector labels,
    /// session affinity, type.
    static func validate(_ spec: JSON?) -> [FieldCause] {
        let path = FieldErrorPath("spec")
        var causes: [FieldCause] = []
        let type = spec?["type"]?.stringValue ?? ""
        let ports = spec?["ports"]?.arrayValue ?? []
        let headless = spec?["clusterIP"] == "None"
        if ports.isEmpty, !headless, type != "ExternalName" { causes.append(.required(path.child("ports"))) }
        if type == "ExternalName" {
            var name = spec?["externalName"]?.stringValue ?? ""
            if name.hasSuffix(".") { name.removeLast() }
            if name.isEmpty {
                causes.append(.required(path.child("externalName")))
            } else {
                causes += NameRules.dns1123Subdomain(name).map { .invalid(path.child("externalName"), .string(name), $0) }
            }
        }
        var names = Set<String>()
        for (index, port) in ports.enumerated() {
            let portPath = path.child("ports").index(index)
            let name = port["name"]?.stringValue ?? ""
            if ports.count > 1, name.isEmpty {
                causes.append(.required(portPath.child("name")))
            } else if !name.isEmpty {
                causes += NameRules.dns1123Label(name).map { .invalid(portPath.child("name"), .string(name), $0) }
                if !names.insert(name).inserted { causes.append(.duplicate(portPath.child("name"), .string(name))) }
            }
            let number = port["port"]?.intValue ?? 0
            causes += NameRules.portNumber(number).map { .invalid(portPath.child("port"), .int(number), $0) }
            causes += PortRules.protocolCauses(port["protocol"] ?? "", path: portPath.child("protocol"))
            switch port["targetPort"] {
            case .int(let target)?:
                causes += NameRules.portNumber(target).map { .invalid(portPath.child("targetPort"), .int(target), $0) }
            case .string(let target)?:
                causes += PortRules.portName(target).map { .invalid(portPath.child("targetPort"), .string(target), $0) }
            default:
                break
            }
        }
        causes += MetadataValidation.labels(spec?["selector"]?.objectValue, path: path.child("selector"))
        let affinity = spec?["sessionAffinity"]?.stringValue ?? ""
        if affinity.isEmpty {
            causes.append(.required(path.child("sessionAffinity")))
        } else if !["ClientIP", "None"].contains(affinity) {
            causes.append(.notSupported(path.child("sessionAffinity"), .string(affinity), supported: ["ClientIP", "None"]))
        }
        if type.isEmpty {
            causes.append(.required(path.child("type")))
        } else if !types.contains(type) {
            causes.append(.notSupported(path.child("type"), .string(type), supported: types))
        }
        return causes
    }
}

import Manifests

/// The parts of `ValidatePodSpec` (`pkg/apis/core/validation/validation.go`, release-1.32) that
/// manifests commonly trip over: containers, images, names, ports, policies, volumes and mounts.
enum PodSpecValidation {
    /// `ValidatePodTemplateSpec`: the template's labels and annotations, then its pod spec.
    static func template(_ template: JSON?, path: FieldErrorPath) -> [FieldCause] {
        let metadataPath = path.child("metadata")
        var causes = MetadataValidation.labels(template?[path: ["metadata", "labels"]]?.objectValue, path: metadataPath.child("labels"))
        causes += MetadataValidation.annotations(template?[path: ["metadata", "annotations"]]?.objectValue, path: metadataPath.child("annotations"))
        causes += spec(template?["spec"], path: path.child("spec"))
        return causes
    }

    static func spec(_ spec: JSON?, path: FieldErrorPath) -> [FieldCause] {
        var causes: [FieldCause] = []
        let volumeNames = volumes(spec?["volumes"]?.arrayValue ?? [], path: path.child("volumes"), causes: &causes)
        var containerNames = Set<String>()
        let containers = spec?["containers"]?.arrayValue ?? []
        if containers.isEmpty { causes.append(.required(path.child("containers"))) }
        for list in ["containers", "initContainers"] {
            for (index, container) in (spec?[list]?.arrayValue ?? []).enumerated() {
                causes += self.container(container, path: path.child(list).index(index), names: &containerNames, volumes: volumeNames)
            }
        }
        causes += restartPolicy(spec?["restartPolicy"], path: path.child("restartPolicy"))
        if let dnsPolicy = spec?["dnsPolicy"]?.stringValue,
           !["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"].contains(dnsPolicy) {
            causes.append(.notSupported(path.child("dnsPolicy"), .string(dnsPolicy), supported: ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]))
        }
        if let grace = spec?["terminationGracePeriodSeconds"]?.intValue, grace < 0 {
            causes.append(.invalid(path.child("terminationGracePeriodSeconds"), .int(grace), "must be greater than or equal to 0"))
        }
        return causes
    }

    /// `validateRestartPolicy`.
    static func restartPolicy(_ value: JSON?, path: FieldErrorPath) -> [FieldCause] {
        let policy = value?.stringValue ?? ""
        switch policy {
        case "Always", "OnFailure", "Never": return []
        case "": return [.required(path)]
        default: return [.notSupported(path, .string(policy), supported: ["Always", "OnFailure", "Never"])]
        }
    }

    /// Volume names: required, DNS labels, unique. Returns the names for the mounts to refer to.
    private static func volumes(_ volumes: [JSON], path: FieldErrorPath, causes: inout [FieldCause]) -> Set<String> {
        var names = Set<String>()
        for (index, volume) in volumes.enumerated() {
            let namePath = path.index(index).child("name")
            let name = volume["name"]?.stringValue ?? ""
            if name.isEmpty {
                causes.append(.required(namePath))
            } else {
                causes += NameRules.dns1123Label(name).map { .invalid(namePath, .string(name), $0) }
                if !names.insert(name).inserted { causes.append(.duplicate(namePath, .string(name))) }
            }
        }
        return names
    }

    /// validateContainerCommon, in its order (name, image, ports, mounts, pull policy), then the
    /// duplicate-name check of validateContainers.
    private static func container(_ container: JSON, path: FieldErrorPath, names: inout Set<String>, volumes: Set<String>) -> [FieldCause] {
        var causes: [FieldCause] = []
        let name = container["name"]?.stringValue ?? ""
        if name.isEmpty {
            causes.append(.required(path.child("name")))
        } else {
            causes += NameRules.dns1123Label(name).map { .invalid(path.child("name"), .string(name), $0) }
        }
        if (container["image"]?.stringValue ?? "").isEmpty { causes.append(.required(path.child("image"))) }
        for (index, port) in (container["ports"]?.arrayValue ?? []).enumerated() {
            let portPath = path.child("ports").index(index)
            if let portName = port["name"]?.stringValue, !portName.isEmpty {
                causes += PortRules.portName(portName).map { .invalid(portPath.child("name"), .string(portName), $0) }
            }
            let number = port["containerPort"]?.intValue ?? 0
            if number == 0 {
                causes.append(.required(portPath.child("containerPort")))
            } else {
                causes += NameRules.portNumber(number).map { .invalid(portPath.child("containerPort"), .int(number), $0) }
            }
            if let hostPort = port["hostPort"]?.intValue, hostPort != 0 {
                causes += NameRules.portNumber(hostPort).map { .invalid(portPath.child("hostPort"), .int(hostPort), $0) }
            }
            causes += PortRules.protocolCauses(port["protocol"], path: portPath.child("protocol"))
        }
        for (index, mount) in (container["volumeMounts"]?.arrayValue ?? []).enumerated() {
            let mountPath = path.child("volumeMounts").index(index)
            let volume = mount["name"]?.stringValue ?? ""
            if volume.isEmpty { causes.append(.required(mountPath.child("name"))) }
            if !volumes.contains(volume) { causes.append(.notFound(mountPath.child("name"), .string(volume))) }
            if (mount["mountPath"]?.stringValue ?? "").isEmpty { causes.append(.required(mountPath.child("mountPath"))) }
        }
        if let policy = container["imagePullPolicy"]?.stringValue {
            if policy.isEmpty {
                causes.append(.required(path.child("imagePullPolicy")))
            } else if !["Always", "IfNotPresent", "Never"].contains(policy) {
                causes.append(.notSupported(path.child("imagePullPolicy"), .string(policy), supported: ["Always", "IfNotPresent", "Never"]))
            }
        }
        if !name.isEmpty, !names.insert(name).inserted { causes.append(.duplicate(path.child("name"), .string(name))) }
        return causes
    }
}

/// Port names and protocols, shared by containers and Services.
enum PortRules {
    static let protocols = ["SCTP", "TCP", "UDP"]

    /// `IsValidPortName`: an IANA service name (checks in Go's order).
    static func portName(_ name: String) -> [String] {
        var errors: [String] = []
        if name.count > 15 { errors.append("must be no more than 15 characters") }
        if name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !name.contains(where: { $0.isASCII && $0.isLowercase }) { errors.append("must contain at least one letter (a-z)") }
        if name.contains("--") { errors.append("must not contain consecutive hyphens") }
        if name.hasPrefix("-") || name.hasSuffix("-") { errors.append("must not begin or end with a hyphen") }
        return errors
    }

    static func protocolCauses(_ value: JSON?, path: FieldErrorPath) -> [FieldCause] {
        guard let value = value?.stringValue else { return [] }
        if value.isEmpty { return [.required(path)] }
        return protocols.contains(value) ? [] : [.notSupported(path, .string(value), supported: protocols)]
    }
}

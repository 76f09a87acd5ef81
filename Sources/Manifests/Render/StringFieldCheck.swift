/// Finds unquoted YAML 1.1 booleans and numbers in fields Kubernetes types as strings.
///
/// `DEBUG: yes` in a ConfigMap, `version: 1.10` in a label or `value: on` in an env entry parse as
/// `true`, `1.1` and `true`; the API server then rejects the object or, through tools that coerce,
/// the app receives "true" and "1.1". Each such scalar gets a warning with its line and the fix.
enum StringFieldCheck {
    /// Fields (paths of keys) whose members must be strings, for this kind.
    static func stringMaps(kind: String) -> [[String]] {
        var maps: [[String]] = [["metadata", "labels"], ["metadata", "annotations"]]
        switch kind {
        case "ConfigMap": maps.append(["data"])
        case "Secret": maps.append(["stringData"])
        case "CronJob": maps += [["spec", "jobTemplate", "metadata", "labels"], ["spec", "jobTemplate", "metadata", "annotations"]]
        default: break
        }
        if let template = podTemplatePath(kind: kind) {
            maps += [template + ["metadata", "labels"], template + ["metadata", "annotations"]]
        }
        return maps
    }

    /// Where the kind keeps its pod template (`nil` when it has none); a Pod is its own template.
    static func podTemplatePath(kind: String) -> [String]? {
        switch kind {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController": return ["spec", "template"]
        case "CronJob": return ["spec", "jobTemplate", "spec", "template"]
        case "PodTemplate": return ["template"]
        default: return nil
        }
    }

    static func podSpecPath(kind: String) -> [String]? {
        if kind == "Pod" { return ["spec"] }
        return podTemplatePath(kind: kind).map { $0 + ["spec"] }
    }

    static func warnings(for rendered: RenderedObject, at objectPointer: String, in document: YAMLDocument) -> [ManifestWarning] {
        let kind = rendered.identity.kind
        var suspects: [(pointer: String, field: String, value: JSON)] = []
        for path in stringMaps(kind: kind) {
            guard let members = rendered.object[path: path]?.objectValue else { continue }
            for (key, value) in members {
                suspects.append((JSONPointer.from(path: path + [key]), (path + [key]).joined(separator: "."), value))
            }
        }
        if let podSpec = podSpecPath(kind: kind) {
            for list in ["initContainers", "containers", "ephemeralContainers"] {
                guard let containers = rendered.object[path: podSpec + [list]]?.arrayValue else { continue }
                for (containerIndex, container) in containers.enumerated() {
                    guard let env = container["env"]?.arrayValue else { continue }
                    for (envIndex, variable) in env.enumerated() {
                        guard let value = variable["value"] else { continue }
                        let base = podSpec.joined(separator: ".") + ".\(list)[\(containerIndex)].env[\(envIndex)]"
                        let pointer = JSONPointer.from(path: podSpec + [list]) + "/\(containerIndex)/env/\(envIndex)/value"
                        suspects.append((pointer, base + ".value", value))
                    }
                }
            }
        }
        return suspects.compactMap { suspect in
            switch suspect.value {
            case .bool, .int, .double: break
            default: return nil
            }
            let pointer = objectPointer + suspect.pointer
            guard let text = document.unquotedNonStrings[pointer] else { return nil }
            return ManifestWarning(location: SourceLocation(file: document.file, line: document.line(nearPointer: pointer)),
                                   object: rendered.identity.description, field: suspect.field, text: text, value: suspect.value)
        }
    }
}

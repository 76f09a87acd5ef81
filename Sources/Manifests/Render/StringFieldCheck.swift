/// Finds unquoted YAML 1.1 booleans and numbers in fields Kubernetes types as strings.
///
/// `DEBUG: yes` in a ConfigMap, `version: 1.10` in a label or `value: on` in an env entry parse as
/// `true`, `1.1` and `true`; the API server then rejects the object or, through tools that coerce,
/// the app receives "true" and "1.1". Each such scalar gets a warning with its line and the fix.
enum StringFieldCheck {
    /// A place whose values must be strings: every member of a map, every element of a list, or
    /// one named member of an object (an env entry's `value`).
    private struct StringField {
        enum Shape { case map, list, member(String) }
        var path: [String]
        var shape: Shape
    }

    static func warnings(for rendered: RenderedObject, at objectPointer: String, in document: YAMLDocument) -> [ManifestWarning] {
        var suspects: [(pointer: String, field: String, value: JSON)] = []
        // Pointers and names are built only for values that are not strings: nearly all are.
        for field in stringFields(of: rendered.object, kind: rendered.identity.kind) {
            switch (field.shape, value(at: field.path, in: rendered.object)) {
            case (.map, .object(let members)?):
                for (key, value) in members where isSuspect(value) {
                    suspects.append((JSONPointer.from(path: field.path + [key]), displayName(field.path) + "." + key, value))
                }
            case (.list, .array(let items)?):
                for (index, value) in items.enumerated() where isSuspect(value) {
                    suspects.append((JSONPointer.from(path: field.path) + "/\(index)", displayName(field.path) + "[\(index)]", value))
                }
            case (.member(let name), .object(let members)?):
                guard let value = members[name], isSuspect(value) else { continue }
                suspects.append((JSONPointer.from(path: field.path + [name]), displayName(field.path) + "." + name, value))
            default:
                continue
            }
        }
        return suspects.compactMap { suspect in
            let pointer = objectPointer + suspect.pointer
            guard let text = document.unquotedNonStrings[pointer] else { return nil }
            return ManifestWarning(location: SourceLocation(file: document.file, line: document.line(nearPointer: pointer)),
                                   object: rendered.identity.description, field: suspect.field, text: text, value: suspect.value)
        }
    }

    /// A boolean or a number where a string belongs: YAML read it so unless it was quoted.
    private static func isSuspect(_ value: JSON) -> Bool {
        switch value {
        case .bool, .int, .double: return true
        default: return false
        }
    }

    /// Every string map and string list of this object: metadata, ConfigMap data, selectors, and
    /// in pod specs the node selector and each container's command, args and env values.
    private static func stringFields(of object: JSON, kind: String) -> [StringField] {
        var fields: [StringField] = [.init(path: ["metadata", "labels"], shape: .map), .init(path: ["metadata", "annotations"], shape: .map)]
        switch kind {
        case "ConfigMap": fields.append(.init(path: ["data"], shape: .map))
        case "Secret": fields.append(.init(path: ["stringData"], shape: .map))
        case "Service", "ReplicationController": fields.append(.init(path: ["spec", "selector"], shape: .map))
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job":
            fields.append(.init(path: ["spec", "selector", "matchLabels"], shape: .map))
        case "CronJob":
            fields += [.init(path: ["spec", "jobTemplate", "metadata", "labels"], shape: .map),
                       .init(path: ["spec", "jobTemplate", "metadata", "annotations"], shape: .map)]
        default: break
        }
        if let template = podTemplatePath(kind: kind) {
            fields += [.init(path: template + ["metadata", "labels"], shape: .map), .init(path: template + ["metadata", "annotations"], shape: .map)]
        }
        if let podSpec = podSpecPath(kind: kind) {
            fields.append(.init(path: podSpec + ["nodeSelector"], shape: .map))
            for list in ["initContainers", "containers", "ephemeralContainers"] {
                let containers = object[path: podSpec + [list]]?.arrayValue ?? []
                for (index, container) in containers.enumerated() {
                    let base = podSpec + [list, String(index)]
                    fields += [.init(path: base + ["command"], shape: .list), .init(path: base + ["args"], shape: .list)]
                    for envIndex in (container["env"]?.arrayValue ?? []).indices {
                        fields.append(.init(path: base + ["env", String(envIndex)], shape: .member("value")))
                    }
                }
            }
        }
        return fields
    }

    /// Where the kind keeps its pod template (`nil` when it has none).
    static func podTemplatePath(kind: String) -> [String]? {
        switch kind {
        case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController": return ["spec", "template"]
        case "CronJob": return ["spec", "jobTemplate", "spec", "template"]
        case "PodTemplate": return ["template"]
        default: return nil
        }
    }

    /// Where the kind keeps its pod spec; a Pod is its own template.
    static func podSpecPath(kind: String) -> [String]? {
        if kind == "Pod" { return ["spec"] }
        return podTemplatePath(kind: kind).map { $0 + ["spec"] }
    }

    /// The value at a path whose numeric parts index arrays (`containers`, `0`, `env`).
    private static func value(at path: [String], in object: JSON) -> JSON? {
        var current: JSON? = object
        for part in path {
            if case .array? = current, let index = Int(part) { current = current?[index] } else { current = current?[part] }
        }
        return current
    }

    /// `spec.template.spec.containers[0].env[1]`: numeric path parts shown as indexes.
    private static func displayName(_ path: [String]) -> String {
        var name = ""
        for part in path {
            if let index = Int(part) { name += "[\(index)]" } else { name += name.isEmpty ? part : "." + part }
        }
        return name
    }
}

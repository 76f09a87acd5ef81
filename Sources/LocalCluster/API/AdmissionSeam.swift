import Manifests

/// Defaulting and validation of an object about to be stored, as a real server's admission
/// and registry strategies do. Returns warnings (for `fieldValidation=Warn`); throws 422/400.
protocol ObjectAdmission: Sendable {
    func admit(_ object: inout JSON, old: JSON?, resource: APIResource, options: WriteOptions) throws -> [String]
}

/// The checks this module does itself until the schema-driven admission is plugged in:
/// names, and the Deployment selector rules that show up in kubectl's error tests.
/// TODO: replace with the Admission/ functions (defaulting, strict field validation) when they land.
struct BasicAdmission: ObjectAdmission {
    func admit(_ object: inout JSON, old: JSON?, resource: APIResource, options: WriteOptions) throws -> [String] {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        var causes: [FieldCause] = []
        let dns1123Label = resource.group.isEmpty && (resource.kind == "Namespace" || resource.kind == "Service")
        if let problem = NameValidation.problem(name, label: dns1123Label) {
            causes.append(.invalid("metadata.name", value: "\"\(name)\"", detail: problem))
        }
        if ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"].contains(resource.kind) && resource.group == "apps" {
            let selector = object[path: ["spec", "selector"]]
            if selector == nil {
                causes.append(.required("spec.selector"))
            } else {
                let labels = StoredObject.labels(of: object[path: ["spec", "template"]] ?? .null)
                if !LabelSelector(selector: selector).matches(labels) {
                    causes.append(.invalid("spec.template.metadata.labels", value: "map[string]string{\(labels.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ", "))}",
                                           detail: "`selector` does not match template `labels`"))
                }
                if let old, let oldSelector = old[path: ["spec", "selector"]], oldSelector != selector {
                    causes.append(FieldCause(reason: "FieldValueInvalid",
                                             message: "Invalid value: \(LabelSelectorText.debugText(selector)): field is immutable",
                                             field: "spec.selector"))
                }
            }
            if (object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []).isEmpty && resource.kind != "StatefulSet" {
                causes.append(.required("spec.template.spec.containers"))
            }
        }
        if !causes.isEmpty { throw APIError.invalid(kind: resource.groupKind, name: name, causes: causes) }
        return []
    }
}

extension LabelSelectorText {
    /// Go's `%#v`-ish rendering used in immutable-field messages.
    static func debugText(_ selector: JSON?) -> String {
        let labels = (selector?["matchLabels"]?.objectValue ?? [:]).sortedByKey()
            .map { "\"\($0.key)\":\"\($0.value.stringValue ?? "")\"" }.joined(separator: ", ")
        return "v1.LabelSelector{MatchLabels:map[string]string{\(labels)}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"
    }
}

/// DNS-1123 names, with the API server's messages.
enum NameValidation {
    static func problem(_ name: String, label: Bool) -> String? {
        let maximum = label ? 63 : 253
        if name.count > maximum { return "must be no more than \(maximum) characters" }
        let allowed = label ? "a-z0-9-" : "a-z0-9-."
        let valid = !name.isEmpty && name.utf8.allSatisfy { c in
            (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || (!label && c == 46)
        } && isAlphanumeric(name.utf8.first) && isAlphanumeric(name.utf8.last)
        if valid { return nil }
        if label {
            return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
        }
        _ = allowed
        return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    }

    private static func isAlphanumeric(_ c: UInt8?) -> Bool {
        guard let c else { return false }
        return (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
    }
}

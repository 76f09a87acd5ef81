import Manifests

/// `ValidateObjectMeta` (`k8s.io/apimachinery/pkg/api/validation/objectmeta.go`) and the label
/// and annotation rules it applies.
enum MetadataValidation {
    static func validate(_ metadata: JSON?, rule: NameRule, namespaced: Bool, path: FieldErrorPath = FieldErrorPath("metadata")) -> [FieldCause] {
        var causes: [FieldCause] = []
        let name = metadata?["name"]?.stringValue ?? ""
        if let generateName = metadata?["generateName"]?.stringValue, !generateName.isEmpty {
            causes += rule.errors(generateName, prefix: true).map { .invalid(path.child("generateName"), .string(generateName), $0) }
        }
        if name.isEmpty {
            causes.append(.required(path.child("name"), "name or generateName is required"))
        } else {
            causes += rule.errors(name).map { .invalid(path.child("name"), .string(name), $0) }
        }
        if namespaced {
            let namespace = metadata?["namespace"]?.stringValue ?? ""
            if namespace.isEmpty {
                causes.append(.required(path.child("namespace")))
            } else {
                causes += NameRules.dns1123Label(namespace).map { .invalid(path.child("namespace"), .string(namespace), $0) }
            }
        }
        causes += labels(metadata?["labels"]?.objectValue, path: path.child("labels"))
        causes += annotations(metadata?["annotations"]?.objectValue, path: path.child("annotations"))
        return causes
    }

    /// `ValidateLabels`: each key a qualified name, each value a label value; every cause is on the
    /// map's path. Keys are visited in sorted order (Go's map order is random).
    static func labels(_ labels: JSONObject?, path: FieldErrorPath) -> [FieldCause] {
        guard let labels else { return [] }
        var causes: [FieldCause] = []
        for key in labels.keys.sorted() {
            causes += NameRules.qualifiedName(key).map { .invalid(path, .string(key), $0) }
            let value = labels[key]?.stringValue ?? ""
            causes += NameRules.labelValue(value).map { .invalid(path, .string(value), $0) }
        }
        return causes
    }

    /// `ValidateAnnotations`: keys are qualified names, case aside.
    static func annotations(_ annotations: JSONObject?, path: FieldErrorPath) -> [FieldCause] {
        guard let annotations else { return [] }
        var causes = annotations.keys.sorted().flatMap { key in
            NameRules.qualifiedName(key.lowercased()).map { FieldCause.invalid(path, .string(key), $0) }
        }
        // ValidateAnnotationsSize: keys and values together at most 256 KiB.
        if AnnotationSize.total(.object(annotations)) > AnnotationSize.limit {
            causes.append(.tooLong(path, maximum: AnnotationSize.limit))
        }
        return causes
    }
}

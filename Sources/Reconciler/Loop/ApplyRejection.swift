import Manifests

/// Reads the API server's `Status` body of a rejected apply, to tell an immutable-field rejection
/// (which deleting and recreating the object can resolve) from any other.
public enum ApplyRejection {
    /// The fields the server refused to change because they are immutable, e.g. `spec.selector`
    /// of a Deployment or `spec.clusterIP` of a Service; empty for other rejections.
    public static func immutableFields(in status: JSON) -> [String] {
        let causes = status[path: ["details", "causes"]]?.arrayValue ?? []
        var fields = causes.compactMap { cause -> String? in
            guard let message = cause["message"]?.stringValue, message.contains("immutable") else { return nil }
            return cause["field"]?.stringValue ?? ""
        }.filter { !$0.isEmpty }
        if fields.isEmpty, let message = status["message"]?.stringValue, message.contains("field is immutable") {
            // `… is invalid: spec.selector: Invalid value: …: field is immutable`
            if let range = message.range(of: " is invalid: ") {
                let field = message[range.upperBound...].prefix { $0 != ":" }
                if !field.isEmpty { fields = [String(field)] }
            }
        }
        var seen = Set<String>()
        return fields.filter { seen.insert($0).inserted }
    }

    /// Whether the object may be deleted and recreated to get past an immutable field.
    public static func mayRecreate(_ object: JSON) -> Bool {
        object[path: ["metadata", "annotations", Tracking.forceAnnotation]]?.stringValue == "true"
    }

    /// `Deployment.apps web/django: field spec.selector is immutable; annotate it mooring.dev/force: "true" to let mooring delete and recreate it`
    public static func message(for identity: ObjectIdentity, fields: [String]) -> String {
        let names = fields.isEmpty ? "a field" : (fields.count == 1 ? "field \(fields[0])" : "fields " + fields.joined(separator: ", "))
        return "\(identity): \(names) \(fields.count > 1 ? "are" : "is") immutable; annotate it \(Tracking.forceAnnotation): \"true\" to let mooring delete and recreate it"
    }
}

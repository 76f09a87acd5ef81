import Manifests

/// ValidateConfigMap and ValidateSecret (`pkg/apis/core/validation/validation.go`, release-1.32):
/// data keys, and the keys a typed Secret must carry.
enum ConfigDataValidation {
    static func configMap(_ object: JSON) -> [FieldCause] {
        var causes: [FieldCause] = []
        let data = object["data"]?.objectValue ?? JSONObject()
        let binary = object["binaryData"]?.objectValue ?? JSONObject()
        for key in data.keys.sorted() {
            let path = FieldErrorPath("data").key(key)
            causes += NameRules.configMapKey(key).map { .invalid(path, .string(key), $0) }
            if binary[key] != nil { causes.append(.invalid(path, .string(key), "duplicate of key present in binaryData")) }
        }
        for key in binary.keys.sorted() {
            causes += NameRules.configMapKey(key).map { .invalid(FieldErrorPath("binaryData").key(key), .string(key), $0) }
        }
        // The values together at most 1 MiB (core.MaxSecretSize), reported on the empty path.
        let size = textSize(data) + decodedSize(binary)
        if size > maximumDataSize {
            causes.append(FieldCause(type: .tooLong, field: "[]", message: FieldCause.tooLong(FieldErrorPath("data"), maximum: maximumDataSize).message))
        }
        return causes
    }

    static let maximumDataSize = 1024 * 1024

    private static func textSize(_ values: JSONObject) -> Int {
        var total = 0
        for key in values.keys { total += values[key]?.stringValue?.utf8.count ?? 0 }
        return total
    }

    /// Bytes of base64 values once decoded.
    private static func decodedSize(_ values: JSONObject) -> Int { textSize(values) * 3 / 4 }

    /// `stringData` is merged into `data` before validation, so its keys are reported under `data`.
    static func secret(_ object: JSON) -> [FieldCause] {
        var causes: [FieldCause] = []
        var keys = Set(object["data"]?.objectValue?.keys ?? [])
        keys.formUnion(object["stringData"]?.objectValue?.keys ?? [])
        for key in keys.sorted() {
            causes += NameRules.configMapKey(key).map { .invalid(FieldErrorPath("data").key(key), .string(key), $0) }
        }
        let size = decodedSize(object["data"]?.objectValue ?? [:])
        if size > maximumDataSize {
            causes.append(.tooLong(FieldErrorPath("data"), maximum: maximumDataSize))
        }
        switch object["type"]?.stringValue {
        case "kubernetes.io/tls":
            for required in ["tls.crt", "tls.key"] where !keys.contains(required) {
                causes.append(.required(FieldErrorPath("data").key(required)))
            }
        case "kubernetes.io/dockerconfigjson":
            if !keys.contains(".dockerconfigjson") { causes.append(.required(FieldErrorPath("data").key(".dockerconfigjson"))) }
        case "kubernetes.io/basic-auth":
            if !keys.contains("username"), !keys.contains("password") {
                causes.append(.required(FieldErrorPath("data").key("username")))
                causes.append(.required(FieldErrorPath("data").key("password")))
            }
        case "kubernetes.io/ssh-auth":
            if !keys.contains("ssh-privatekey") { causes.append(.required(FieldErrorPath("data").key("ssh-privatekey"))) }
        default:
            break
        }
        return causes
    }
}

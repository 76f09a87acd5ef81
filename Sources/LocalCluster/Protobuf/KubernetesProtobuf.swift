import Manifests

/// Request bodies in `application/vnd.kubernetes.protobuf`, which kubectl's typed clients send
/// (`kubectl create deployment|service|job|role|…`, `create token`, `auth can-i`). The envelope is
/// `k8s\0` and a `runtime.Unknown` (type meta in field 1, the raw message in field 2); the message
/// is read for any built-in kind by `ProtobufObjectDecoder`, with the field numbers of the
/// Kubernetes 1.32 `generated.proto` files.
enum KubernetesProtobuf {
    static let contentType = "application/vnd.kubernetes.protobuf"
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    static func decode(_ body: [UInt8], schema: KubeSchema = .builtin) throws -> JSON {
        guard body.count > 4, body.starts(with: magic) else { throw unreadable("missing the k8s protobuf envelope") }
        var apiVersion = "", kind = ""
        var raw: ArraySlice<UInt8> = []
        for field in try ProtobufReader.fields(body[4...]) {
            switch field.number {
            case 1:
                for meta in try ProtobufReader.fields(field.value.bytes) {
                    if meta.number == 1 { apiVersion = meta.value.string }
                    if meta.number == 2 { kind = meta.value.string }
                }
            case 2: raw = field.value.bytes
            default: break
            }
        }
        let type = GroupVersionKind(apiVersion: apiVersion, kind: kind)
        guard let message = schema.definitionName(for: type) else {
            throw StatusError(code: 415, reason: "UnsupportedMediaType",
                              message: "the body of the request was in an unknown format - no protobuf definition of \(kind) in \(apiVersion); send it as application/json")
        }
        let decoder = ProtobufObjectDecoder(table: .shared, schema: schema)
        var object: JSONObject = ["apiVersion": .string(apiVersion), "kind": .string(kind)]
        for (key, value) in try decoder.object(raw, message: message) ?? [:] { object[key] = value }
        return .object(object)
    }

    private static func unreadable(_ why: String) -> StatusError {
        StatusError.badRequest("the body of the request was in an unknown format: \(why)")
    }
}

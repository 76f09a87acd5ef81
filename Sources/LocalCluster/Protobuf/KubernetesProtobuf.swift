import Foundation
import Manifests

/// Request bodies in `application/vnd.kubernetes.protobuf`, which kubectl's typed clients send
/// for `kubectl create namespace|configmap|secret|serviceaccount`. The envelope is `k8s\0` and a
/// `runtime.Unknown` (type meta, raw message); the messages' field numbers are those of
/// k8s.io/api core/v1 `generated.proto`. Other kinds are answered 415 (kubectl users can send
/// the same object as YAML/JSON with `kubectl create -f`).
enum KubernetesProtobuf {
    static let contentType = "application/vnd.kubernetes.protobuf"

    static func decode(_ body: [UInt8]) throws -> JSON {
        let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]
        guard body.count > 4, Array(body.prefix(4)) == magic else { throw unreadable("missing the k8s protobuf envelope") }
        let envelope = try ProtobufReader.fields(body[4...])
        var typeStrings: [String] = []
        var raw: [UInt8] = []
        for field in envelope {
            switch field.number {
            case 1: typeStrings = try ProtobufReader.fields(field.value.bytes[...]).map { $0.value.string }
            case 2: raw = field.value.bytes
            default: break
            }
        }
        // runtime.TypeMeta: apiVersion and kind; tell them apart by shape rather than trust order.
        let apiVersion = typeStrings.first { $0.contains("/") || $0.hasPrefix("v") } ?? "v1"
        let kind = typeStrings.first { $0.first?.isUppercase == true } ?? ""
        let fields = try ProtobufReader.fields(raw[...])
        var object: JSONObject = ["apiVersion": .string(apiVersion), "kind": .string(kind)]
        switch (apiVersion, kind) {
        case ("v1", "ConfigMap"):
            for field in fields {
                switch field.number {
                case 1: object["metadata"] = try objectMeta(field.value.bytes)
                case 2: object["data"] = mergeEntry(object["data"], try mapEntry(field.value.bytes, binary: false))
                case 3: object["binaryData"] = mergeEntry(object["binaryData"], try mapEntry(field.value.bytes, binary: true))
                case 4: object["immutable"] = .bool(field.value.bool)
                default: break
                }
            }
        case ("v1", "Secret"):
            for field in fields {
                switch field.number {
                case 1: object["metadata"] = try objectMeta(field.value.bytes)
                case 2: object["data"] = mergeEntry(object["data"], try mapEntry(field.value.bytes, binary: true))
                case 3 where !field.value.bytes.isEmpty: object["type"] = .string(field.value.string)
                case 4: object["stringData"] = mergeEntry(object["stringData"], try mapEntry(field.value.bytes, binary: false))
                case 5: object["immutable"] = .bool(field.value.bool)
                default: break
                }
            }
        case ("v1", "Namespace"):
            for field in fields {
                switch field.number {
                case 1: object["metadata"] = try objectMeta(field.value.bytes)
                case 2:
                    let finalizers = try ProtobufReader.fields(field.value.bytes[...]).filter { $0.number == 1 }.map { JSON.string($0.value.string) }
                    object["spec"] = finalizers.isEmpty ? .object([:]) : ["finalizers": .array(finalizers)]
                default: break
                }
            }
        case ("v1", "ServiceAccount"):
            for field in fields {
                switch field.number {
                case 1: object["metadata"] = try objectMeta(field.value.bytes)
                case 4: object["automountServiceAccountToken"] = .bool(field.value.bool)
                default: break
                }
            }
        default:
            throw StatusError(code: 415, reason: "UnsupportedMediaType",
                           message: "the local cluster reads protobuf bodies only for ConfigMap, Secret, Namespace and ServiceAccount; send \(kind) as application/json")
        }
        return .object(object)
    }

    /// ObjectMeta: name 1, generateName 2, namespace 3, labels 11, annotations 12, finalizers 14.
    private static func objectMeta(_ bytes: [UInt8]) throws -> JSON {
        var meta = JSONObject()
        for field in try ProtobufReader.fields(bytes[...]) {
            switch field.number {
            // gogo-protobuf writes empty strings too; an empty one means "not set".
            case 1 where !field.value.bytes.isEmpty: meta["name"] = .string(field.value.string)
            case 2 where !field.value.bytes.isEmpty: meta["generateName"] = .string(field.value.string)
            case 3 where !field.value.bytes.isEmpty: meta["namespace"] = .string(field.value.string)
            case 11: meta["labels"] = mergeEntry(meta["labels"], try mapEntry(field.value.bytes, binary: false))
            case 12: meta["annotations"] = mergeEntry(meta["annotations"], try mapEntry(field.value.bytes, binary: false))
            case 14: meta["finalizers"] = .array((meta["finalizers"]?.arrayValue ?? []) + [.string(field.value.string)])
            default: break
            }
        }
        return .object(meta)
    }

    /// One map entry (`key` 1, `value` 2); bytes values become base64 as in JSON.
    private static func mapEntry(_ bytes: [UInt8], binary: Bool) throws -> (String, JSON) {
        var key = "", value = JSON.string("")
        for field in try ProtobufReader.fields(bytes[...]) {
            if field.number == 1 { key = field.value.string }
            if field.number == 2 {
                value = binary ? .string(Data(field.value.bytes).base64EncodedString()) : .string(field.value.string)
            }
        }
        return (key, value)
    }

    private static func mergeEntry(_ existing: JSON?, _ entry: (String, JSON)) -> JSON {
        var object = existing?.objectValue ?? JSONObject()
        object[entry.0] = entry.1
        return .object(object)
    }

    private static func unreadable(_ why: String) -> StatusError {
        StatusError.badRequest("the body of the request was in an unknown format: \(why)")
    }
}

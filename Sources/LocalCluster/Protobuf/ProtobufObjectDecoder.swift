import Foundation
import Manifests

/// Turns a Kubernetes protobuf message into the JSON a real API server would store for it, for
/// any built-in kind: the field table gives each field's JSON name and type, the schema says
/// which zero values JSON keeps.
///
/// Go's JSON and gogo-protobuf disagree only on zero values, and the server's Go structs settle
/// it: a value field (not a pointer) is always on the wire, so its zero means "unset" and is
/// left out unless the schema requires the field (`containerPort: 0` stays); a pointer field is
/// on the wire only when set, so its zero is kept (`replicas: 0`); an embedded struct is always
/// in Go's JSON, so it stays even when empty (`strategy: {}`, `resources: {}`), except times,
/// which Go writes as `null`.
struct ProtobufObjectDecoder {
    let table: ProtobufFieldTable
    let schema: KubeSchema

    static let time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time"
    static let microTime = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"

    /// The JSON object of a message, or nil for a message the table does not know.
    func object(_ bytes: ArraySlice<UInt8>, message: String) throws -> JSONObject? {
        guard let fields = table.fields(of: message) else { return nil }
        let required = Set(schema.definition(named: message)?.requiredProperties ?? [])
        var object = JSONObject()
        for (number, value) in try ProtobufReader.fields(bytes) {
            guard let field = fields[number] else { continue }  // a newer client's field: ignored, as protobuf does
            switch field.kind {
            case .map(let keyKind, let valueKind):
                let (key, entry) = try mapEntry(value.bytes, key: keyKind, value: valueKind)
                var map = object[field.name]?.objectValue ?? JSONObject()
                map[key] = entry
                object[field.name] = .object(map)
            case .scalar(let scalar) where field.repeated:
                var items = object[field.name]?.arrayValue ?? []
                items += try repeatedScalars(value, scalar)
                object[field.name] = .array(items)
            case .message(let name) where field.repeated:
                var items = object[field.name]?.arrayValue ?? []
                items.append(try self.value(value.bytes, message: name) ?? .object([:]))
                object[field.name] = .array(items)
            case .message(let name) where field.inline:
                for (key, inner) in try self.object(value.bytes, message: name) ?? [:] { object[key] = inner }
            case .message(let name):
                object[field.name] = try self.value(value.bytes, message: name)
            case .scalar(let scalar):
                let decoded = try Self.scalar(value, scalar)
                if field.alwaysSent && Self.isZero(decoded) && !required.contains(field.name) {
                    object[field.name] = nil
                } else {
                    object[field.name] = decoded
                }
            }
        }
        return object
    }

    /// A message as a JSON value: the well-known types as Go's JSON writes them (times as RFC 3339,
    /// `IntOrString` as a number or string, quantities and raw JSON as themselves); nil when Go
    /// writes `null`.
    func value(_ bytes: ArraySlice<UInt8>, message: String) throws -> JSON? {
        let fields = try ProtobufReader.fields(bytes)
        func varint(_ number: Int) -> UInt64 {
            for (n, value) in fields where n == number { if case .varint(let v) = value { return v } }
            return 0
        }
        func data(_ number: Int) -> ArraySlice<UInt8> { fields.last { $0.number == number }?.value.bytes ?? [] }
        switch message {
        case Self.time, Self.microTime:
            let seconds = Int64(bitPattern: varint(1)), nanos = Int64(bitPattern: varint(2))
            if seconds == 0 && nanos == 0 { return nil }
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            if message == Self.time { return .string(Timestamps.format(date)) }
            let text = Timestamps.format(date)
            return .string(String(text.dropLast()) + String(format: ".%06dZ", nanos / 1000))
        case "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
            if varint(1) == 1 { return .string(String(decoding: data(3), as: UTF8.self)) }
            return .int(Int64(Int32(truncatingIfNeeded: varint(2))))
        case "io.k8s.apimachinery.pkg.api.resource.Quantity":
            return .string(String(decoding: data(1), as: UTF8.self))
        case "io.k8s.apimachinery.pkg.apis.meta.v1.Duration":
            return .string(GoDurationText.format(nanoseconds: Int64(bitPattern: varint(1))))
        case "io.k8s.apimachinery.pkg.runtime.RawExtension", "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1":
            let raw = data(1)
            if raw.isEmpty { return nil }
            if raw.starts(with: KubernetesProtobuf.magic) { return try KubernetesProtobuf.decode(Array(raw)) }
            guard let parsed = try? JSON(parsing: Array(raw)) else { throw ProtobufReader.MalformedMessage() }
            return parsed
        default:
            return try object(bytes, message: message).map(JSON.object) ?? .object([:])
        }
    }

    private func mapEntry(_ bytes: ArraySlice<UInt8>, key: ProtobufFieldTable.Field.Kind,
                          value: ProtobufFieldTable.Field.Kind) throws -> (String, JSON) {
        var keyText = ""
        var entry: JSON = .null
        if case .scalar(let scalar) = value { entry = Self.zero(scalar) }
        for (number, field) in try ProtobufReader.fields(bytes) {
            if number == 1 { keyText = field.string }
            if number == 2 {
                switch value {
                case .scalar(let scalar): entry = try Self.scalar(field, scalar)
                case .message(let name): entry = try self.value(field.bytes, message: name) ?? .null
                case .map: break
                }
            }
        }
        _ = key
        return (keyText, entry)
    }

    private func repeatedScalars(_ value: ProtobufReader.Value, _ scalar: ProtobufFieldTable.Field.Scalar) throws -> [JSON] {
        // Numbers may come packed (one length-delimited run of varints).
        if case .bytes(let run) = value, scalar != .string, scalar != .bytes {
            return try ProtobufReader.packedVarints(run).map { try Self.scalar(.varint($0), scalar) }
        }
        return [try Self.scalar(value, scalar)]
    }

    static func scalar(_ value: ProtobufReader.Value, _ scalar: ProtobufFieldTable.Field.Scalar) throws -> JSON {
        switch (scalar, value) {
        case (.string, .bytes(let bytes)): return .string(String(decoding: bytes, as: UTF8.self))
        case (.bytes, .bytes(let bytes)): return .string(Data(bytes).base64EncodedString())
        case (.bool, .varint(let v)): return .bool(v != 0)
        case (.int32, .varint(let v)): return .int(Int64(Int32(truncatingIfNeeded: v)))
        case (.int64, .varint(let v)): return .int(Int64(bitPattern: v))
        case (.uint32, .varint(let v)), (.uint64, .varint(let v)): return .int(Int64(truncatingIfNeeded: v))
        case (.sint32, .varint(let v)), (.sint64, .varint(let v)):
            return .int(Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1))
        case (.double, .fixed64(let bits)): return .double(Double(bitPattern: bits))
        case (.fixed64, .fixed64(let bits)), (.sfixed64, .fixed64(let bits)): return .int(Int64(bitPattern: bits))
        case (.float, .fixed32(let bits)): return .double(Double(Float(bitPattern: bits)))
        case (.fixed32, .fixed32(let bits)), (.sfixed32, .fixed32(let bits)): return .int(Int64(Int32(bitPattern: bits)))
        default: throw ProtobufReader.MalformedMessage()
        }
    }

    private static func zero(_ scalar: ProtobufFieldTable.Field.Scalar) -> JSON {
        switch scalar {
        case .string, .bytes: return .string("")
        case .bool: return .bool(false)
        case .double, .float: return .double(0)
        default: return .int(0)
        }
    }

    static func isZero(_ value: JSON) -> Bool {
        switch value {
        case .string(let s): return s.isEmpty
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .double(let d): return d == 0
        default: return false
        }
    }
}

import Foundation
import Manifests

/// The field numbers of the Kubernetes 1.32 protobuf messages, by OpenAPI definition name, read
/// once from `protobuf-fields-1.32.json` (made by `scripts/generate-protobuf-fields.py` from the
/// `generated.proto` descriptors compiled into kubectl 1.32).
struct ProtobufFieldTable: Sendable {
    /// One field of a message.
    struct Field: Sendable {
        enum Kind: Sendable, Equatable {
            case scalar(Scalar)
            /// A message, by its definition name (`io.k8s.api.core.v1.PodSpec`).
            case message(String)
            /// `map<K,V>`: entries with the key in field 1 and the value in field 2.
            indirect case map(key: Kind, value: Kind)
        }

        enum Scalar: String, Sendable {
            case string, bytes, bool, int32, int64, uint32, uint64, sint32, sint64, double, float
            case fixed32, fixed64, sfixed32, sfixed64
        }

        let number: Int
        /// The JSON name of the field.
        let name: String
        let kind: Kind
        let repeated: Bool
        /// A Go value rather than a pointer (gogoproto.nullable=false): on the wire even when zero.
        let alwaysSent: Bool
        /// An embedded struct whose fields belong to the enclosing JSON object (`json:",inline"`).
        let inline: Bool
    }

    private let messages: [String: [Int: Field]]

    static let shared: ProtobufFieldTable = {
        guard let url = Bundle.module.url(forResource: "protobuf-fields-1.32", withExtension: "json"),
              let data = try? Data(contentsOf: url), let document = try? JSON(parsing: Array(data)) else {
            preconditionFailure("the bundled protobuf field table is unreadable")
        }
        return ProtobufFieldTable(document: document)
    }()

    init(document: JSON) {
        var messages: [String: [Int: Field]] = [:]
        for (name, rows) in document["messages"]?.objectValue ?? [:] {
            var fields: [Int: Field] = [:]
            for row in rows.arrayValue ?? [] {
                guard let cells = row.arrayValue, cells.count == 4, let number = cells[0].intValue,
                      let fieldName = cells[1].stringValue, let type = cells[2].stringValue,
                      let flags = cells[3].stringValue, let kind = Self.kind(type) else { continue }
                fields[Int(number)] = Field(number: Int(number), name: fieldName, kind: kind, repeated: flags.contains("r"),
                                            alwaysSent: flags.contains("v"), inline: flags.contains("i"))
            }
            messages[name] = fields
        }
        self.messages = messages
    }

    /// The fields of a message by number, or nil for a message the table does not know.
    func fields(of message: String) -> [Int: Field]? { messages[message] }

    private static func kind(_ type: String) -> Field.Kind? {
        if type.hasPrefix("map<"), type.hasSuffix(">"), let comma = type.firstIndex(of: ",") {
            let key = String(type[type.index(type.startIndex, offsetBy: 4)..<comma])
            let value = String(type[type.index(after: comma)..<type.index(before: type.endIndex)])
            guard let keyKind = kind(key), let valueKind = kind(value) else { return nil }
            return .map(key: keyKind, value: valueKind)
        }
        if let scalar = Field.Scalar(rawValue: type) { return .scalar(scalar) }
        return type.contains(".") ? .message(type) : nil
    }
}

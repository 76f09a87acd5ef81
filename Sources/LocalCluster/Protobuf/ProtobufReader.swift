/// Reads protobuf wire format: a message as its fields (number, and varint or bytes payload).
struct ProtobufReader {
    enum Value {
        case varint(UInt64)
        case bytes([UInt8])
        case fixed
    }

    struct MalformedMessage: Error {}

    /// The fields of one message in order; repeated fields appear once per element.
    static func fields(_ bytes: ArraySlice<UInt8>) throws -> [(number: Int, value: Value)] {
        var fields: [(Int, Value)] = []
        var index = bytes.startIndex
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.endIndex, shift < 64 else { throw MalformedMessage() }
                let byte = bytes[index]
                index += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return result }
                shift += 7
            }
        }
        while index < bytes.endIndex {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint())))
            case 1:
                guard bytes.endIndex - index >= 8 else { throw MalformedMessage() }
                index += 8
                fields.append((number, .fixed))
            case 2:
                let length = Int(try varint())
                guard length >= 0, bytes.endIndex - index >= length else { throw MalformedMessage() }
                fields.append((number, .bytes(Array(bytes[index..<(index + length)]))))
                index += length
            case 5:
                guard bytes.endIndex - index >= 4 else { throw MalformedMessage() }
                index += 4
                fields.append((number, .fixed))
            default:
                throw MalformedMessage()
            }
        }
        return fields
    }
}

extension ProtobufReader.Value {
    var bytes: [UInt8] { if case .bytes(let b) = self { return b } else { return [] } }
    var string: String { String(decoding: bytes, as: UTF8.self) }
    var bool: Bool { if case .varint(let v) = self { return v != 0 } else { return false } }
}

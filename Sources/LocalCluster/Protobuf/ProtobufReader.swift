/// Reads protobuf wire format: a message as its fields (number, and varint, fixed or bytes payload).
struct ProtobufReader {
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed64(UInt64)
        case fixed32(UInt32)
    }

    struct MalformedMessage: Error {}

    /// The fields of one message in order; repeated fields appear once per element.
    static func fields(_ bytes: ArraySlice<UInt8>) throws -> [(number: Int, value: Value)] {
        var fields: [(Int, Value)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let key = try varint(bytes, &index)
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint(bytes, &index))))
            case 1: fields.append((number, .fixed64(try fixed(bytes, &index, width: 8))))
            case 2:
                let length = try varint(bytes, &index)
                guard length <= UInt64(bytes.endIndex - index) else { throw MalformedMessage() }
                let end = index + Int(length)
                fields.append((number, .bytes(bytes[index..<end])))
                index = end
            case 5: fields.append((number, .fixed32(UInt32(try fixed(bytes, &index, width: 4)))))
            default:
                throw MalformedMessage()
            }
        }
        return fields
    }

    /// The varints of a packed repeated field.
    static func packedVarints(_ bytes: ArraySlice<UInt8>) throws -> [UInt64] {
        var values: [UInt64] = []
        var index = bytes.startIndex
        while index < bytes.endIndex { values.append(try varint(bytes, &index)) }
        return values
    }

    private static func varint(_ bytes: ArraySlice<UInt8>, _ index: inout Int) throws -> UInt64 {
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

    private static func fixed(_ bytes: ArraySlice<UInt8>, _ index: inout Int, width: Int) throws -> UInt64 {
        guard bytes.endIndex - index >= width else { throw MalformedMessage() }
        var result: UInt64 = 0
        for offset in 0..<width { result |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
        index += width
        return result
    }
}

extension ProtobufReader.Value {
    var bytes: ArraySlice<UInt8> { if case .bytes(let b) = self { return b } else { return [] } }
    var string: String { String(decoding: bytes, as: UTF8.self) }
    var bool: Bool { if case .varint(let v) = self { return v != 0 } else { return false } }
}

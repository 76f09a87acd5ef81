/// Finds keys given twice in one JSON object of a raw body, which a parsed `JSON` value can no
/// longer show: `{"metadata":{"name":"a","name":"b"}}` → `metadata.name`.
enum DuplicateFieldScanner {
    static func duplicates(in body: [UInt8]) -> [String] {
        var scanner = Scanner(bytes: body)
        scanner.value(path: "")
        return scanner.found
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var found: [String] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func value(path: String) {
            skipSpace()
            guard position < bytes.count else { return }
            switch bytes[position] {
            case UInt8(ascii: "{"): object(path: path)
            case UInt8(ascii: "["): array(path: path)
            case UInt8(ascii: "\""): _ = string()
            default:
                while position < bytes.count, !Self.delimiters.contains(bytes[position]) { position += 1 }
            }
        }

        static let delimiters: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09]

        mutating func object(path: String) {
            position += 1
            var seen = Set<String>()
            while true {
                skipSpace()
                guard position < bytes.count else { return }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "\"") else { return }
                let key = string()
                let childPath = path.isEmpty ? key : path + "." + key
                if !seen.insert(key).inserted { found.append(childPath) }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return }
                position += 1
                value(path: childPath)
            }
        }

        mutating func array(path: String) {
            position += 1
            var index = 0
            while true {
                skipSpace()
                guard position < bytes.count else { return }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return }
                if bytes[position] == UInt8(ascii: ",") { position += 1; index += 1; continue }
                let before = position
                value(path: path + "[\(index)]")
                if position == before { return }
            }
        }

        /// Reads a string (position on its opening quote) and returns its text, escapes decoded.
        mutating func string() -> String {
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\"), position < bytes.count {
                    let escaped = bytes[position]
                    position += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        let end = min(position + 4, bytes.count)
                        let hex = String(decoding: bytes[position..<end], as: UTF8.self)
                        position = end
                        if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) {
                            out.append(contentsOf: Array(String(Character(scalar)).utf8))
                        }
                    default: out.append(escaped)
                    }
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }
    }
}

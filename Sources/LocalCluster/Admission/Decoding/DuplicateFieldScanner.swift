/// Finds keys given twice in one JSON object of a raw body, which a parsed `JSON` value can no
/// longer show: `{"metadata":{"name":"a","name":"b"}}` → `metadata.name`.
enum DuplicateFieldScanner {
    static func duplicates(in body: [UInt8]) -> [String] {
        var scanner = Scanner(bytes: body)
        scanner.value()
        return scanner.found
    }

    private struct Scanner {
        /// A key of an object or an index of an array, on the way to the current value.
        enum Step {
            case key(String)
            case index(Int)
        }

        let bytes: [UInt8]
        var position = 0
        var found: [String] = []
        var steps: [Step] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        /// `metadata.name`, `spec.containers[0].env`: spelled out only for a duplicate.
        var path: String {
            var text = ""
            for step in steps {
                switch step {
                case .key(let name): text += text.isEmpty ? name : "." + name
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }

        mutating func value() {
            skipSpace()
            guard position < bytes.count else { return }
            switch bytes[position] {
            case UInt8(ascii: "{"): object()
            case UInt8(ascii: "["): array()
            case UInt8(ascii: "\""): _ = string()
            default:
                while position < bytes.count, !Self.delimiters.contains(bytes[position]) { position += 1 }
            }
        }

        static let delimiters: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09]

        mutating func object() {
            position += 1
            var seen = Set<String>()
            while true {
                skipSpace()
                guard position < bytes.count else { return }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "\"") else { return }
                let key = string()
                steps.append(.key(key))
                defer { steps.removeLast() }
                if !seen.insert(key).inserted { found.append(path) }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return }
                position += 1
                value()
            }
        }

        mutating func array() {
            position += 1
            var index = 0
            while true {
                skipSpace()
                guard position < bytes.count else { return }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return }
                if bytes[position] == UInt8(ascii: ",") { position += 1; index += 1; continue }
                let before = position
                steps.append(.index(index))
                value()
                steps.removeLast()
                if position == before { return }
            }
        }

        /// Reads a string (position on its opening quote) and returns its text, escapes decoded.
        mutating func string() -> String {
            position += 1
            let start = position
            // Fast path: no escapes.
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") { position += 1 }
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                defer { position += 1 }
                return String(decoding: bytes[start..<position], as: UTF8.self)
            }
            var out = Array(bytes[start..<position])
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
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }
    }
}

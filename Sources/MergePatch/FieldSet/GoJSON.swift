import Manifests

/// JSON text written the way Go's encoding/json writes it (object keys sorted, HTML characters
/// escaped), for byte-compatible FieldsV1 and `kubectl.kubernetes.io/last-applied-configuration`.
public enum GoJSON {
    /// The whole value as `json.Marshal` writes it.
    public static func text(_ value: JSON) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    static func write(_ value: JSON, into out: inout String) {
        switch value {
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, key) in object.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                write(object[key]!, into: &out)
            }
            out += "}"
        default:
            out += value.serialized()
        }
    }

    /// Escapes `"`, `\`, control characters, `<`, `>`, `&`, U+2028 and U+2029 as Go does.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 { out += unicodeEscape(scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

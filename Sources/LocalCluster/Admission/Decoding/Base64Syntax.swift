/// Where Go's `base64.StdEncoding.Decode` gives up on a `[]byte` field's text (Secret `data`,
/// ConfigMap `binaryData`), for its error `illegal base64 data at input byte N`
/// (`encoding/base64` decodeQuantum: padded, newlines skipped, trailing bits not checked).
enum Base64Syntax {
    static func errorOffset(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index = 0
        while true {
            var count = 0
            while count < 4 {
                if index == bytes.count {
                    if count == 0 { return nil }
                    return index - count
                }
                let byte = bytes[index]
                index += 1
                if isAlphabet(byte) { count += 1; continue }
                if byte == 0x0A || byte == 0x0D { continue }
                guard byte == UInt8(ascii: "=") else { return index - 1 }
                // Padding: only after two or three characters of the quantum.
                switch count {
                case 0, 1:
                    return index - 1
                case 2:
                    while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
                    if index == bytes.count { return bytes.count }
                    if bytes[index] != UInt8(ascii: "=") { return index - 1 }
                    index += 1
                default:
                    break
                }
                while index < bytes.count, bytes[index] == 0x0A || bytes[index] == 0x0D { index += 1 }
                return index < bytes.count ? index : nil
            }
        }
    }

    private static func isAlphabet(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "+"), UInt8(ascii: "/"):
            return true
        default:
            return false
        }
    }
}

/// Standard base64 (with padding) for `!!binary` scalars; line breaks inside are skipped, as Go's
/// decoder skips them.
enum Base64 {
    private static let values: [UInt8: UInt8] = {
        var table: [UInt8: UInt8] = [:]
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[byte] = UInt8(index)
        }
        return table
    }()

    static func decode(_ text: String) -> [UInt8]? {
        let symbols = text.utf8.filter { $0 != 0x0A && $0 != 0x0D }
        guard symbols.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count / 4 * 3)
        var index = 0
        while index < symbols.count {
            let quad = symbols[index..<index + 4]
            index += 4
            let padding = quad.reversed().prefix { $0 == UInt8(ascii: "=") }.count
            guard padding <= 2, padding == 0 || index == symbols.count else { return nil }
            var accumulator: UInt32 = 0
            for symbol in quad.dropLast(padding) {
                guard let value = values[symbol] else { return nil }
                accumulator = accumulator << 6 | UInt32(value)
            }
            accumulator <<= UInt32(6 * padding)
            let bytes = [UInt8(accumulator >> 16 & 0xFF), UInt8(accumulator >> 8 & 0xFF), UInt8(accumulator & 0xFF)]
            out += bytes.prefix(3 - padding)
        }
        return out
    }
}

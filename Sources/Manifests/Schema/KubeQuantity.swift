import Foundation

/// A `resource.Quantity` (`500m`, `1Gi`, `2`, `129e6`) and the canonical text the API server stores
/// it as (`k8s.io/apimachinery/pkg/api/resource/quantity.go`, CanonicalizeBytes): `1000m` → `1`,
/// `0.5` → `500m`, `1024Mi` → `1Gi`, `1000` → `1k`, `0.1Gi` → `107374182400m`. Resource lists
/// (container requests and limits, quotas, claims) are also rounded up to millis first
/// (`SetDefaults_ResourceList`): `0.0001` → `1m`.
public struct KubeQuantity: Hashable, Sendable {
    /// How the quantity was written, which decides how it is printed.
    public enum Format: Sendable, Hashable {
        /// `Ki`, `Mi`, `Gi`, …
        case binarySI
        /// No suffix or `n`, `u`, `m`, `k`, `M`, `G`, `T`, `P`, `E`.
        case decimalSI
        /// `e3`, `E-2`.
        case decimalExponent
    }

    /// The exact amount in base units (cores, bytes).
    public var value: Decimal
    public var format: Format

    public init(value: Decimal, format: Format) {
        self.value = value
        self.format = format
    }

    private static let binaryPowers: [String: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]
    private static let decimalPowers: [String: Int] = ["n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18]

    /// Parses the text of a quantity; `nil` when `ParseQuantity` would reject it.
    public init?(parsing text: String) {
        let trimmed = text  // no surrounding spaces, as ParseQuantity
        var index = trimmed.startIndex
        if index < trimmed.endIndex, trimmed[index] == "+" || trimmed[index] == "-" { index = trimmed.index(after: index) }
        while index < trimmed.endIndex, trimmed[index].isASCII, trimmed[index].isNumber || trimmed[index] == "." {
            index = trimmed.index(after: index)
        }
        let number = String(trimmed[..<index])
        let suffix = String(trimmed[index...])
        guard number.contains(where: \.isNumber), number.filter({ $0 == "." }).count <= 1,
              var mantissa = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        if let power = Self.binaryPowers[suffix] {
            for _ in 0..<power { mantissa *= 1024 }
            self.init(value: mantissa, format: .binarySI)
        } else if let power = Self.decimalPowers[suffix] {
            self.init(value: Self.scaled(mantissa, power), format: .decimalSI)
        } else if let first = suffix.first, first == "e" || first == "E", let power = Int(suffix.dropFirst()), abs(power) <= 30 {
            self.init(value: Self.scaled(mantissa, power), format: .decimalExponent)
        } else {
            return nil
        }
        value = Self.roundedUp(value, scale: 9)
    }

    /// A JSON quantity, written as a string or a bare number (a number reads as decimal SI).
    public init?(_ json: JSON) {
        switch json {
        case .string(let text): self.init(parsing: text)
        case .int, .double: self.init(parsing: json.serialized())
        default: return nil
        }
    }

    /// The text the API server returns for this quantity.
    public var canonical: String {
        if value.isZero { return "0" }
        if format == .binarySI {
            let magnitude = value < 0 ? -value : value
            if magnitude >= 1024, Self.isInteger(value) {
                var amount = value
                var power = 0
                while power < 6, Self.isInteger(amount / 1024), !(amount / 1024).isZero {
                    amount /= 1024
                    power += 1
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
                return Self.plain(amount) + suffix
            }
        }
        // Decimal: an integer mantissa and an exponent that is a multiple of 3.
        var (digits, exponent) = Self.integerMantissa(of: value)
        while digits.count > 1, digits.hasSuffix("0") {
            digits.removeLast()
            exponent += 1
        }
        switch ((exponent % 3) + 3) % 3 {
        case 1: digits += "0"; exponent -= 1
        case 2: digits += "00"; exponent -= 2
        default: break
        }
        let sign = value < 0 ? "-" : ""
        if format == .decimalExponent { return sign + digits + (exponent == 0 ? "" : "e\(exponent)") }
        let suffixes = [-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"]
        if let suffix = suffixes[exponent] { return sign + digits + suffix }
        return sign + digits + "e\(exponent)"
    }

    /// The quantity rounded up (away from zero) to millis, as resource lists are defaulted.
    public var roundedUpToMillis: KubeQuantity { KubeQuantity(value: Self.roundedUp(value, scale: 3), format: format) }

    // MARK: - Decimal helpers

    private static func scaled(_ value: Decimal, _ power: Int) -> Decimal {
        var result = value
        if power >= 0 { for _ in 0..<power { result *= 10 } } else { for _ in 0..<(-power) { result /= 10 } }
        return result
    }

    private static func roundedUp(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, value < 0 ? .down : .up)
        return result
    }

    private static func isInteger(_ value: Decimal) -> Bool {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 0, .plain)
        return rounded == value
    }

    /// `value` as plain text without sign.
    private static func plain(_ value: Decimal) -> String {
        let text = (value < 0 ? -value : value).description
        return text
    }

    /// The absolute value as integer digits and a power of ten: 107374182.4 → ("1073741824", -1).
    private static func integerMantissa(of value: Decimal) -> (String, Int) {
        let text = plain(value)
        guard let dot = text.firstIndex(of: ".") else { return (text, 0) }
        let whole = text[..<dot]
        let fraction = text[text.index(after: dot)...]
        var digits = String(whole + fraction)
        while digits.count > 1, digits.hasPrefix("0") { digits.removeFirst() }
        return (digits, -fraction.count)
    }
}

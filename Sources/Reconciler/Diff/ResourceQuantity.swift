import Foundation
import Manifests

/// A Kubernetes resource quantity (`500m`, `1Gi`, `2`, `1e3`), compared by value because the API
/// server stores it canonically: `1000m` comes back as `1`, `1024Mi` as `1Gi`, `0.5` as `500m`.
public struct ResourceQuantity: Sendable, Equatable, Comparable {
    /// The exact amount in base units (cores, bytes).
    public var value: Decimal

    public init(value: Decimal) { self.value = value }

    /// Parses a quantity written as a string or a number; `nil` when it is not one.
    public init?(_ json: JSON) {
        switch json {
        case .int(let i): value = Decimal(i)
        case .double(let d): value = Decimal(d)
        case .string(let s): guard let parsed = ResourceQuantity.parse(s) else { return nil }; value = parsed
        default: return nil
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.value < b.value }

    private static let binarySuffixes: [String: Decimal] = [
        "Ki": pow(1024, 1), "Mi": pow(1024, 2), "Gi": pow(1024, 3), "Ti": pow(1024, 4), "Pi": pow(1024, 5), "Ei": pow(1024, 6),
    ]
    private static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]

    /// `<sign><digits>[.<digits>]<suffix>` where the suffix is binary SI, decimal SI or `e<exp>`.
    static func parse(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var numberEnd = trimmed.startIndex
        for (offset, character) in trimmed.enumerated() {
            let isSign = (character == "+" || character == "-") && offset == 0
            guard character.isASCII, character.isNumber || character == "." || isSign else { break }
            numberEnd = trimmed.index(after: numberEnd)
        }
        let number = String(trimmed[..<numberEnd])
        let suffix = String(trimmed[numberEnd...])
        guard !number.isEmpty, number.contains(where: \.isNumber),
              number.filter({ $0 == "." }).count <= 1,
              let mantissa = Decimal(string: number, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        if let factor = binarySuffixes[suffix] { return mantissa * factor }
        if let exponent = decimalSuffixes[suffix] { return scaled(mantissa, byPowerOfTen: exponent) }
        if let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()), abs(exponent) <= 30 {
            return scaled(mantissa, byPowerOfTen: exponent)
        }
        return nil
    }

    private static func scaled(_ value: Decimal, byPowerOfTen exponent: Int) -> Decimal {
        exponent >= 0 ? value * pow(10, exponent) : value / pow(10, -exponent)
    }
}

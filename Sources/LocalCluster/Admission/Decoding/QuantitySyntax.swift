/// Whether text parses as a `resource.Quantity`, with apimachinery's own error text when not
/// (`k8s.io/apimachinery/pkg/api/resource/quantity.go`: ErrFormatWrong, ErrNumeric, ErrSuffix).
enum QuantitySyntax {
    static let formatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    static let numericError = "unable to parse numeric part of quantity"
    static let suffixError = "unable to parse quantity's suffix"

    private static let suffixes: Set<String> = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E"]

    /// `nil` when valid, else the error `ParseQuantity` returns.
    static func error(in text: String) -> String? {
        let chars = Array(text.trimmingSpaces)
        var i = 0
        if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
        let numberStart = i
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." { i += 1 }
        let number = chars[numberStart..<i]
        guard !number.isEmpty else { return formatError }
        let suffixStart = i
        while i < chars.count, "eEinumkKMGTP".contains(chars[i]) { i += 1 }
        if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
        while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
        guard i == chars.count else { return formatError }
        if number.filter({ $0 == "." }).count > 1 || number.allSatisfy({ $0 == "." }) { return numericError }
        let suffix = String(chars[suffixStart...])
        if suffixes.contains(suffix) { return nil }
        // Decimal exponent: e/E followed by a signed integer.
        if let first = suffix.first, first == "e" || first == "E" {
            var rest = suffix.dropFirst()
            if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
            if !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }) { return nil }
        }
        return suffixError
    }
}

private extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return s
    }
}

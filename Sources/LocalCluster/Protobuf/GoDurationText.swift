/// Go's `time.Duration.String()`: `1h2m3s`, `1.5s`, `250ms`, `0s`, as `metav1.Duration` fields read in JSON.
enum GoDurationText {
    static func format(nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let negative = nanoseconds < 0
        let total = nanoseconds.magnitude
        let sign = negative ? "-" : ""
        if total < 1_000_000_000 {
            // Below a second Go picks the largest fitting unit with a fraction: 1.5ms, 250µs, 100ns.
            for (unit, size) in [("ms", UInt64(1_000_000)), ("µs", 1_000), ("ns", 1)] where total >= size {
                return sign + fraction(total, size) + unit
            }
        }
        let hours = total / 3_600_000_000_000
        let minutes = total / 60_000_000_000 % 60
        let seconds = fraction(total % 60_000_000_000, 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)" }
        return sign + seconds
    }

    /// `value / unit` with the remainder as trailing-zero-free decimals.
    private static func fraction(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        var rest = value % unit
        guard rest > 0 else { return String(whole) }
        var digits = ""
        var scale = unit / 10
        while rest > 0 && scale > 0 {
            digits += String(rest / scale)
            rest %= scale
            scale /= 10
        }
        return "\(whole).\(digits)"
    }
}

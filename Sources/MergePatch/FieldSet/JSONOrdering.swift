import Manifests

/// The total order structured-merge-diff puts on values (value.Compare), so that sets of paths
/// serialize in the same order as on a real API server: numbers, strings, booleans, lists,
/// maps, then null.
enum JSONOrdering {
    static func compareBytes(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    private static func rank(_ value: JSON) -> Int {
        switch value {
        case .int, .double: return 0
        case .string: return 1
        case .bool: return 2
        case .array: return 3
        case .object: return 4
        case .null: return 5
        }
    }

    static func compare(_ a: JSON, _ b: JSON) -> Int {
        switch (a, b) {
        case let (.int(x), .int(y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .double), (.double, .int), (.double, .double):
            let x = a.doubleValue!, y = b.doubleValue!
            return x < y ? -1 : (x == y ? 0 : 1)
        case let (.string(x), .string(y)): return compareBytes(x, y)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.array(x), .array(y)):
            for i in 0..<min(x.count, y.count) {
                let c = compare(x[i], y[i])
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        case let (.object(x), .object(y)):
            let xs = x.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let ys = y.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for i in 0..<min(xs.count, ys.count) {
                let byKey = compareBytes(xs[i], ys[i])
                if byKey != 0 { return byKey }
                let byValue = compare(x[xs[i]]!, y[ys[i]]!)
                if byValue != 0 { return byValue }
            }
            return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
        case (.null, .null): return 0
        default: return rank(a) < rank(b) ? -1 : 1
        }
    }

    /// value.ToString: strings quoted as Go's `%q` does, others as `%v`.
    static func goString(_ value: JSON) -> String {
        switch value {
        case .string(let s): return GoFormat.quote(s)
        case .array(let items): return "[" + items.map(goString).joined(separator: ",") + "]"
        case .object(let object): return object.entries.map { "\($0.key)=\(goString($0.value))" }.joined()
        case .null: return "null"
        default: return GoFormat.value(value)
        }
    }
}

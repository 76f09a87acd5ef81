import Manifests

/// `maxSurge` / `maxUnavailable` values: an integer or a percentage of the replicas.
enum IntOrPercent {
    static func resolve(_ value: JSON, total: Int64, roundUp: Bool) -> Int64 {
        if let number = value.intValue { return number }
        guard let text = value.stringValue, text.hasSuffix("%"), let percent = Double(text.dropLast()) else { return 0 }
        let exact = Double(total) * percent / 100
        return Int64(roundUp ? exact.rounded(.up) : exact.rounded(.down))
    }
}

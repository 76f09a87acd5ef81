import Manifests

/// Names controllers generate: `<prefix>` + 5 characters, and the pod-template hash.
enum GeneratedNames {
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func suffix() -> String { String((0..<5).map { _ in alphabet.randomElement()! }) }

    /// FNV-32a of the template, encoded as apimachinery's `rand.SafeEncodeString` of its decimal
    /// form, like the deployment controller's `pod-template-hash`.
    static func templateHash(_ template: JSON) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in Canonical.bytes(template) {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(String(hash).utf8.map { alphabet[Int($0) % alphabet.count] })
    }
}

import Foundation

/// The cluster's single bearer token: generated at first start, kept in `<data>/token`, so a
/// restarted cluster accepts the kubeconfigs written before.
enum BearerToken {
    static func loadOrCreate(in dataDirectory: String) throws -> String {
        let path = dataDirectory + "/token"
        if let existing = try? String(contentsOfFile: path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !existing.isEmpty {
            return existing
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let token = String((0..<40).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        try token.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        return token
    }

    /// Compares in time independent of where the first difference is.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

import Crypto
import Foundation

/// How each provider proves a request comes from it, checked over the raw body before it is
/// parsed. Comparisons take constant time: swift-crypto's `isValidAuthenticationCode` for
/// HMACs, and a digest comparison for GitLab's plain token.
enum SignatureCheck {
    /// `X-Hub-Signature-256: sha256=<hex>` (GitHub) and the generic hook's header.
    static func prefixedHMAC(_ header: String?, body: [UInt8], secret: WebhookSecret) -> Bool {
        guard let header, header.hasPrefix("sha256=") else { return false }
        return hexHMAC(String(header.dropFirst("sha256=".count)), body: body, secret: secret)
    }

    /// `X-Gitea-Signature: <hex>`: HMAC-SHA256 of the body, without a prefix.
    static func hexHMAC(_ hex: String?, body: [UInt8], secret: WebhookSecret) -> Bool {
        guard let hex, let code = bytes(fromHex: hex), code.count == SHA256.byteCount else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: body, using: secret.key)
    }

    /// `X-Gitlab-Token: <secret>`: GitLab sends the secret itself. Both sides are hashed first,
    /// so the comparison takes the same time whatever the length or the first differing byte.
    static func token(_ header: String?, secret: WebhookSecret) -> Bool {
        guard let header else { return false }
        let given = HMAC<SHA256>.authenticationCode(for: Array(header.utf8), using: secret.key)
        let expected = secret.key.withUnsafeBytes { HMAC<SHA256>.authenticationCode(for: Array($0), using: secret.key) }
        return given == expected  // HashedAuthenticationCode's == is constant-time.
    }

    /// Lower- or upper-case hex; `nil` for anything else.
    static func bytes(fromHex hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

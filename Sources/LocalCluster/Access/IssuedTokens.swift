import Foundation
import Manifests
import Synchronization

/// Service-account tokens handed out by `serviceaccounts/<name>/token` (`kubectl create token`):
/// JWT-shaped, held in memory until they expire (or the cluster stops), and accepted as the
/// service account's identity on later requests and in TokenReviews.
final class IssuedTokens: Sendable {
    struct Issued: Sendable {
        var user: UserInfo
        var audiences: [String]
        var expires: Date
    }

    private let tokens = Mutex<[String: Issued]>([:])

    static let defaultAudience = "https://kubernetes.default.svc.cluster.local"

    /// A new token for a service account, valid for `seconds`.
    func issue(namespace: String, name: String, uid: String, audiences: [String], seconds: Int64) -> (token: String, expires: Date) {
        let now = Date()
        let expires = now.addingTimeInterval(TimeInterval(seconds))
        let claims: JSON = [
            "aud": .array(audiences.map(JSON.string)), "exp": .int(Int64(expires.timeIntervalSince1970)),
            "iat": .int(Int64(now.timeIntervalSince1970)), "iss": .string(Self.defaultAudience),
            "jti": .string(UUID().uuidString.lowercased()),
            "kubernetes.io": ["namespace": .string(namespace), "serviceaccount": ["name": .string(name), "uid": .string(uid)]],
            "nbf": .int(Int64(now.timeIntervalSince1970)), "sub": .string("system:serviceaccount:\(namespace):\(name)"),
        ]
        var random = SystemRandomNumberGenerator()
        let signature = (0..<256).map { _ in UInt8.random(in: 0...255, using: &random) }
        let token = [Self.base64URL(Array(#"{"alg":"RS256","kid":"mooring-local"}"#.utf8)),
                     Self.base64URL(claims.serializedBytes()), Self.base64URL(signature)].joined(separator: ".")
        let user = UserInfo.serviceAccount(namespace: namespace, name: name, uid: uid)
        tokens.withLock { $0[token] = Issued(user: user, audiences: audiences, expires: expires) }
        return (token, expires)
    }

    /// The identity of a token still valid, or nil.
    func user(for token: String) -> Issued? {
        tokens.withLock { tokens in
            guard let issued = tokens[token] else { return nil }
            if issued.expires < Date() {
                tokens[token] = nil
                return nil
            }
            return issued
        }
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

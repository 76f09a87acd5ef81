import Foundation

/// What an exec plugin printed: a token and/or client certificate, valid until `expiration`.
struct ExecCredential: Sendable {
    var token: String?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?
    var expiration: Date?

    func isValid(at now: Date) -> Bool {
        guard let expiration else { return true }
        return now < expiration
    }
}

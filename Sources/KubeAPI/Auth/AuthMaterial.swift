/// What one request presents: an `Authorization` header and/or a client certificate that an
/// exec plugin returned.
struct AuthMaterial: Sendable {
    var authorization: String?
    var clientCertificatePEM: [UInt8]?
    var clientKeyPEM: [UInt8]?

    static let none = AuthMaterial()
}

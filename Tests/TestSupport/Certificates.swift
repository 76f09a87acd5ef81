import Foundation

/// Certificates made with the `openssl` CLI for a test: throw-away CAs (EC P-256, two days),
/// and the server or client certificates they sign.
public struct CertificateFactory: Sendable {
    public let folder: TemporaryFolder

    public init(folder: TemporaryFolder) { self.folder = folder }

    /// A self-signed CA: `<name>.crt` and `<name>.key`.
    public func makeCA(_ name: String) async throws {
        try await Command.check("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                            "-keyout", folder.file("\(name).key"), "-out", folder.file("\(name).crt"), "-days", "2",
                                            "-subj", "/CN=\(name)", "-addext", "basicConstraints=critical,CA:TRUE",
                                            "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    /// A certificate signed by `ca` with the given subjectAltName (e.g. `IP:127.0.0.1`).
    public func makeLeaf(_ name: String, signedBy ca: String, subjectAltName: String? = nil, clientAuth: Bool = false) async throws {
        try await Command.check("openssl", ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                            "-keyout", folder.file("\(name).key"), "-out", folder.file("\(name).csr"), "-subj", "/CN=\(name)"])
        var extensions = "basicConstraints=CA:FALSE\n"
        if let subjectAltName { extensions += "subjectAltName=\(subjectAltName)\n" }
        extensions += clientAuth ? "extendedKeyUsage=clientAuth\n" : "extendedKeyUsage=serverAuth\n"
        try folder.write("\(name).ext", extensions)
        try await Command.check("openssl", ["x509", "-req", "-in", folder.file("\(name).csr"), "-CA", folder.file("\(ca).crt"),
                                            "-CAkey", folder.file("\(ca).key"), "-CAcreateserial", "-out", folder.file("\(name).crt"),
                                            "-days", "2", "-extfile", folder.file("\(name).ext")])
    }

    /// A file's bytes in base64, as kubeconfigs embed certificates.
    public func base64(_ file: String) throws -> String {
        try Data(contentsOf: URL(fileURLWithPath: folder.file(file))).base64EncodedString()
    }
}

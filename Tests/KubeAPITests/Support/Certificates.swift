import Foundation

/// Certificates made with `openssl` for a test: CAs, and leaf certificates they sign.
struct CertificateFactory {
    let directory: TemporaryDirectory

    /// A self-signed CA; returns the base name (`name.crt`, `name.key`).
    @discardableResult
    func makeCA(_ name: String) throws -> String {
        try Command.check(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                           "-keyout", directory.file("\(name).key"), "-out", directory.file("\(name).crt"), "-days", "2",
                           "-subj", "/CN=\(name)"])
        return name
    }

    /// A certificate signed by `ca` with the given subjectAltName (e.g. `IP:127.0.0.1`).
    func makeLeaf(_ name: String, signedBy ca: String, subjectAltName: String? = nil, clientAuth: Bool = false) throws {
        try Command.check(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                           "-keyout", directory.file("\(name).key"), "-out", directory.file("\(name).csr"), "-subj", "/CN=\(name)"])
        var extensions = ""
        if let subjectAltName { extensions += "subjectAltName=\(subjectAltName)\n" }
        extensions += clientAuth ? "extendedKeyUsage=clientAuth\n" : "extendedKeyUsage=serverAuth\n"
        try directory.write("\(name).ext", extensions)
        try Command.check(["openssl", "x509", "-req", "-in", directory.file("\(name).csr"), "-CA", directory.file("\(ca).crt"),
                           "-CAkey", directory.file("\(ca).key"), "-CAcreateserial", "-out", directory.file("\(name).crt"),
                           "-days", "2", "-extfile", directory.file("\(name).ext")])
    }

    func base64(_ file: String) throws -> String {
        try Data(contentsOf: URL(fileURLWithPath: directory.file(file))).base64EncodedString()
    }
}

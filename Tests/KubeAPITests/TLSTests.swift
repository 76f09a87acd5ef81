import Foundation
import Manifests
import Testing
@testable import KubeAPI

/// TLS through a real nginx with openssl-made certificates: verification, client certificates,
/// `tls-server-name`, `insecure-skip-tls-verify`, HTTP/2.
@Suite struct TLSTests {
    // Each test starts its own nginx (about a third of a second), stopped by PID when the
    // fixture is released at the test's end, whatever the outcome.

    private func makeClient(_ fixture: TLSFixture, _ cluster: JSON, user: JSON = [:]) throws -> KubeClient {
        let handle = try fixture.client(cluster: cluster, user: user)
        return try KubeClient(kubeconfig: try Kubeconfig.load(files: [handle.file]),
                              options: KubeClientOptions(retryPolicy: .none))
    }

    @Test func verifiesTheServerWithTheRightCA() async throws {
        let fixture = try await TLSFixture.started()
        let client = try makeClient(fixture, ["server": .string(fixture.plainServer),
                                 "certificate-authority-data": .string(try fixture.certificates.base64("server-ca.crt"))])
        let version = try await client.version()
        #expect(version["gitVersion"]?.stringValue == "v1.32.0-nginx")
    }

    @Test func refusesAServerSignedByAnotherCA() async throws {
        let fixture = try await TLSFixture.started()
        let client = try makeClient(fixture, ["server": .string(fixture.plainServer),
                                 "certificate-authority": .string(fixture.directory.file("other-ca.crt"))])
        do {
            _ = try await client.version()
            Issue.record("a server signed by another CA must be refused")
        } catch let error as TransportError {
            #expect(error.code == 60, "curl's CURLE_PEER_FAILED_VERIFICATION")
            #expect(error.message.contains("certificate"), "curl's own message: \(error.message)")
            #expect(error.beforeSending)
        }
    }

    @Test func refusesAnUnknownServerWithoutACA() async throws {
        let fixture = try await TLSFixture.started()
        let client = try makeClient(fixture, ["server": .string(fixture.plainServer)])
        await #expect(throws: TransportError.self) { try await client.version() }
    }

    @Test func insecureSkipTLSVerifyIsHonoured() async throws {
        let fixture = try await TLSFixture.started()
        let client = try makeClient(fixture, ["server": .string(fixture.plainServer), "insecure-skip-tls-verify": true])
        #expect(try await client.version()["major"]?.stringValue == "1")
    }

    @Test func tlsServerNameIsHonoured() async throws {
        let fixture = try await TLSFixture.started()
        let ca = try fixture.certificates.base64("server-ca.crt")
        // The certificate names only kube.test: without tls-server-name the host check fails...
        let plain = try makeClient(fixture, ["server": .string(fixture.namedServer), "certificate-authority-data": .string(ca)])
        await #expect(throws: TransportError.self) { try await plain.version() }
        // ...and with it, the same server verifies.
        let named = try makeClient(fixture, ["server": .string(fixture.namedServer), "certificate-authority-data": .string(ca),
                                "tls-server-name": "kube.test"])
        #expect(try await named.version()["minor"]?.stringValue == "32")
        let wrongName = try makeClient(fixture, ["server": .string(fixture.namedServer), "certificate-authority-data": .string(ca),
                                    "tls-server-name": "other.test"])
        await #expect(throws: TransportError.self) { try await wrongName.version() }
    }

    @Test func clientCertificateIsAcceptedFromMemory() async throws {
        let fixture = try await TLSFixture.started()
        let client = try makeClient(fixture, 
            ["server": .string(fixture.mutualServer), "certificate-authority-data": .string(try fixture.certificates.base64("server-ca.crt"))],
            user: ["client-certificate-data": .string(try fixture.certificates.base64("client-good.crt")),
                   "client-key-data": .string(try fixture.certificates.base64("client-good.key"))])
        #expect(try await client.version()["gitVersion"]?.stringValue == "v1.32.0-nginx")
    }

    @Test func clientCertificateFromFilesIsAccepted() async throws {
        let fixture = try await TLSFixture.started()
        let client = try makeClient(fixture, 
            ["server": .string(fixture.mutualServer), "certificate-authority": .string(fixture.directory.file("server-ca.crt"))],
            user: ["client-certificate": .string(fixture.directory.file("client-good.crt")),
                   "client-key": .string(fixture.directory.file("client-good.key"))])
        #expect(try await client.version()["major"]?.stringValue == "1")
    }

    @Test func clientCertificateFromAnotherCAIsRefused() async throws {
        let fixture = try await TLSFixture.started()
        let ca = try fixture.certificates.base64("server-ca.crt")
        let rogue = try makeClient(fixture, 
            ["server": .string(fixture.mutualServer), "certificate-authority-data": .string(ca)],
            user: ["client-certificate-data": .string(try fixture.certificates.base64("client-rogue.crt")),
                   "client-key-data": .string(try fixture.certificates.base64("client-rogue.key"))])
        await #expect { try await rogue.version() } throws: { error in
            (error as? APIError)?.status.code == 400
        }
        let none = try makeClient(fixture, ["server": .string(fixture.mutualServer), "certificate-authority-data": .string(ca)])
        await #expect { try await none.version() } throws: { error in
            (error as? APIError)?.status.code == 400
        }
    }

    @Test func speaksHTTP2WhenOffered() async throws {
        let fixture = try await TLSFixture.started()
        let settings = ConnectionSettings(tls: TLSSettings(certificateAuthorityPEM: Array(try Data(contentsOf: URL(fileURLWithPath: fixture.directory.file("server-ca.crt"))))))
        let response = try await CurlEngine.shared.perform(HTTPRequest(method: .get, url: fixture.plainServer + "/version"), settings: settings)
        #expect(response.status == 200)
        #expect(response.httpVersion == "HTTP/2")
    }
}

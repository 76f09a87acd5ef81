import Foundation
import TestSupport

/// nginx over plain HTTP checking credentials: `/only/NAME` answers 200 only to
/// `Authorization: Bearer NAME`, `/basic` only to user `ann`, password `s3cret`; anything else
/// gets the API server's 401 Status. `/status/CODE` answers CODE (with `Retry-After: 1` on 429);
/// `/version` echoes the Host it was asked for (so it also serves as an HTTP proxy's target).
final class AuthFixture: Sendable {
    let directory: TemporaryFolder
    let nginx: Nginx

    static let unauthorized = #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#

    static func started() async throws -> AuthFixture {
        let directory = try TemporaryFolder("auth")
        let basic = Data("ann:s3cret".utf8).base64EncodedString()
        let nginx = try await Nginx.start(portCount: 1, servers: """
            server {
                listen 127.0.0.1:PORT0;
                location ~ ^/only/(?<expected>[A-Za-z0-9-]+)$ {
                    if ($http_authorization != "Bearer $expected") { return 401 '\(Self.unauthorized)'; }
                    return 200 '{"token":"$expected"}';
                }
                location = /version { return 200 '{"gitVersion":"v1.32.0-via-nginx","host":"$host"}'; }
                location = /basic {
                    if ($http_authorization != "Basic \(basic)") { return 401 '\(Self.unauthorized)'; }
                    return 200 '{"ok":true}';
                }
                location = /status/503 { return 503 '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"ServiceUnavailable","code":503}'; }
                location = /status/429 {
                    add_header Retry-After 1 always;
                    return 429 '{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"TooManyRequests","code":429}';
                }
                location = /status/403 { return 403 '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"configmaps is forbidden: User ann cannot list resource","reason":"Forbidden","details":{"kind":"configmaps"},"code":403}'; }
                location = /status/server-timeout { return 500 '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"The list operation against configmaps could not be completed at this time","reason":"ServerTimeout","details":{"kind":"configmaps","retryAfterSeconds":0},"code":500}'; }
                location = /status/html { return 502 '<html><body>Bad Gateway</body></html>'; }
                location = /status/404 { return 404 '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"things x not found","reason":"NotFound","details":{"name":"x","kind":"things"},"code":404}'; }
            }
            """, in: directory)
        return AuthFixture(directory: directory, nginx: nginx)
    }

    private init(directory: TemporaryFolder, nginx: Nginx) {
        self.directory = directory
        self.nginx = nginx
    }

    var server: String { "http://127.0.0.1:\(nginx.ports[0])" }
}

import Hummingbird

/// `GET /healthz`: the process serves (the liveness probe). `GET /readyz`: configuration
/// loaded, repository fetched once, the loop's first round made (the readiness probe; see
/// `Readiness` for why target clusters are not part of it), answered the way the Kubernetes API
/// server answers its own, one `[+]`/`[-]` line per check:
///
/// ```
/// $ curl -i localhost:8080/readyz
/// HTTP/1.1 503 Service Unavailable
/// [+]configuration ok
/// [-]repository failed: fetching git://git.example/config.git: connection refused
/// [-]first-round failed: not looked at yet: develop, master
/// readyz check failed
/// ```
public struct HealthRoutes: RouteProvider {
    public let readiness: Readiness

    public init(readiness: Readiness) { self.readiness = readiness }

    public func addRoutes(to router: Router<ServiceRequestContext>) {
        router.get("/healthz") { _, _ in Response.text(.ok, "ok") }
        router.get("/livez") { _, _ in Response.text(.ok, "ok") }
        let readiness = readiness
        router.get("/readyz") { _, _ in
            let checks = readiness.checks
            var lines = checks.map { check in
                check.failure.map { "[-]\(check.name) failed: \($0)" } ?? "[+]\(check.name) ok"
            }
            let ready = checks.allSatisfy { $0.failure == nil }
            lines.append(ready ? "readyz check passed" : "readyz check failed")
            return Response.text(ready ? .ok : .serviceUnavailable, lines.joined(separator: "\n"))
        }
    }
}

import Foundation
import TestSupport
import Testing
@testable import LocalCluster
import Manifests

/// Faults set at start or through `/mooring-admin/faults`.
@Suite struct FaultInjectionTests {
    @Test func rulesAreShownAndReplacedThroughTheAdminPath() async throws {
        try await withCluster { cluster in
            let empty = try await cluster.curl("/mooring-admin/faults")
            #expect(try JSON(parsing: empty.httpBody) == ["rules": []])
            let unauthorized = try await cluster.curl("/mooring-admin/faults", token: .some(nil))
            #expect(unauthorized.httpStatus == 401)
            let put = try await cluster.curl("/mooring-admin/faults", method: "PUT", body: """
                {"rules":[{"verbs":["list"],"pathPrefix":"/api/v1/namespaces/default/configmaps","count":2,"status":503,"retryAfterSeconds":1}]}
                """)
            #expect(put.httpStatus == 200)
            let first = try await cluster.curl("/api/v1/namespaces/default/configmaps")
            #expect(first.httpStatus == 503)
            #expect(try JSON(parsing: first.httpBody)["reason"] == "ServiceUnavailable")
            let headers = try await Command.run("curl", ["-s", "-D", "-", "-o", "/dev/null", "-H", "Authorization: Bearer \(cluster.server.token)",
                                                         cluster.server.url + "/api/v1/namespaces/default/configmaps"], environment: [:], input: nil)
            #expect(headers.stdout.contains("Retry-After: 1"))
            #expect(try await cluster.curl("/api/v1/namespaces/default/configmaps").httpStatus == 200)
            let shown = try JSON(parsing: try await cluster.curl("/mooring-admin/faults").httpBody)
            #expect(shown[path: ["rules"]]?[0]?["count"] == 0)
            let bad = try await cluster.curl("/mooring-admin/faults", method: "PUT", body: #"{"rules":[{"sometimes":true}]}"#)
            #expect(bad.httpStatus == 400)
            #expect(bad.httpBody.contains(#"unknown field \"sometimes\""#))
        }
    }

    @Test func startupFaultsRateLatencyAndDroppedConnections() async throws {
        try await withCluster(configure: { options in
            var tooMany = FaultRules.Rule()
            tooMany.verbs = ["get"]
            tooMany.pathPrefix = "/api/v1/namespaces/default/configmaps/limited"
            tooMany.status = 429
            tooMany.retryAfterSeconds = 2
            var dropped = FaultRules.Rule()
            dropped.pathPrefix = "/api/v1/namespaces/default/secrets"
            dropped.dropConnection = true
            dropped.latencyMilliseconds = 150
            options.faults = FaultRules(rules: [tooMany, dropped])
        }) { cluster in
            let limited = try await cluster.curl("/api/v1/namespaces/default/configmaps/limited")
            #expect(limited.httpStatus == 429)
            #expect(try JSON(parsing: limited.httpBody)["reason"] == "TooManyRequests")
            let started = Date()
            let cut = try await Command.run("curl", ["-s", "-H", "Authorization: Bearer \(cluster.server.token)",
                                                     cluster.server.url + "/api/v1/namespaces/default/secrets"], environment: [:], input: nil)
            #expect(Date().timeIntervalSince(started) >= 0.15)
            #expect(cut.status == 18, "curl reports a transfer closed with data outstanding")
        }
    }

    @Test func watchStreamsAreCutAfterNEvents() async throws {
        try await withCluster { cluster in
            for name in ["a", "b", "c"] { try await cluster.apply(TestManifests.configMap(name, data: ["x": "1"])) }
            _ = try await cluster.curl("/mooring-admin/faults", method: "PUT",
                                       body: #"{"rules":[{"verbs":["watch"],"cutWatchAfterEvents":2}]}"#)
            let stream = try await cluster.curl("/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=5")
            let lines = stream.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }
            #expect(lines.count == 2)
        }
    }
}

import Foundation
import Testing
@testable import Reconciler

/// The `server:` keys of `mooring.yaml`, read through the YAML loader so lines are real.
@Suite struct ServerConfigurationTests {
    static let head = """
        repository:
          url: https://github.com/platform/config.git
        environments:
          develop:
            cluster: in-cluster

        """

    @Test func everyKeyReads() throws {
        let configuration = try MooringConfiguration(yaml: Self.head + """
            server:
              listen: "[::1]:9090"
              webhooks:
                github: {secretEnv: GITHUB_WEBHOOK_SECRET}
                gitlab: {secretFile: /etc/mooring/secrets/gitlab}
              lease: {duration: 30s, renewDeadline: 20s, retryPeriod: 4s}
            """)
        #expect(configuration.environments[0].cluster == .inCluster)
        #expect(configuration.server.listen == "[::1]:9090")
        #expect(ListenAddress(configuration.server.listen!) == ListenAddress("[::1]:9090"))
        #expect(ListenAddress("[::1]:9090")?.host == "::1" && ListenAddress("[::1]:9090")?.port == 9090)
        #expect(configuration.server.webhooks == [.github: .environment("GITHUB_WEBHOOK_SECRET"), .gitlab: .file("/etc/mooring/secrets/gitlab")])
        #expect(configuration.server.lease == LeaseTiming(duration: .seconds(30), renewDeadline: .seconds(20), retryPeriod: .seconds(4)))
    }

    @Test func withoutServerKeysTheDefaultsAreClientGos() throws {
        let configuration = try MooringConfiguration(yaml: Self.head)
        #expect(configuration.server == ServerConfiguration())
        #expect(configuration.server.lease == LeaseTiming(duration: .seconds(15), renewDeadline: .seconds(10), retryPeriod: .seconds(2)))
        #expect(configuration.server.webhooks.isEmpty && configuration.server.listen == nil)
    }

    @Test func everyProblemNamesItsLine() {
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: Self.head + """
                server:
                  listn: 0.0.0.0:8080
                  listen: localhost
                  webhooks:
                    githb: {secretEnv: X}
                    gitlab: {secretEnv: A, secretFile: /b}
                    gitea: {}
                    generic: {secretEnvv: X}
                  lease: {duration: 10s, renewDeadline: 10s}
                """, file: "mooring.yaml")
        }
        #expect(error?.description == """
            mooring.yaml:7: unknown key "listn" in server (did you mean "listen"?)
            mooring.yaml:8: server.listen "localhost" must be HOST:PORT, e.g. 0.0.0.0:8080 or [::1]:8080
            mooring.yaml:10: unknown key "githb" in server.webhooks (did you mean "github"?)
            mooring.yaml:11: server.webhooks.gitlab takes secretEnv or secretFile, not both
            mooring.yaml:12: server.webhooks.gitea needs secretEnv (a variable's name) or secretFile (a file's path): a webhook is never served unsigned
            mooring.yaml:13: unknown key "secretEnvv" in server.webhooks.generic (did you mean "secretEnv"?)
            mooring.yaml:13: server.webhooks.generic needs secretEnv (a variable's name) or secretFile (a file's path): a webhook is never served unsigned
            mooring.yaml:14: server.lease.duration (10s) must be longer than renewDeadline (10s)
            """)
    }

    /// client-go's NewLeaderElector: renewDeadline must exceed JitterFactor (1.2) × retryPeriod.
    @Test func renewDeadlineMustLeaveRoomForRetries() {
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: Self.head + "server:\n  lease: {duration: 15s, renewDeadline: 2s, retryPeriod: 2s}\n")
        }
        #expect(error?.problems.map(\.message) == ["server.lease.renewDeadline (2s) must be longer than 1.2 × retryPeriod (2s)"])
    }

    /// `server.auth`: the dashboard's sign-in token and whether pages need it.
    @Test func authReadsAndNamesItsProblems() throws {
        let configuration = try MooringConfiguration(yaml: Self.head + "server:\n  auth: {tokenFile: /etc/mooring/token, readOnly: false}\n")
        #expect(configuration.server.auth == ServerAuthConfiguration(token: .file("/etc/mooring/token"), readOnly: false))
        #expect(try MooringConfiguration(yaml: Self.head).server.auth == ServerAuthConfiguration(token: nil, readOnly: true))
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: Self.head + """
                server:
                  auth:
                    tokenEnb: X
                    readOnly: false
                """, file: "mooring.yaml")
        }
        #expect(error?.description == """
            mooring.yaml:8: unknown key "tokenEnb" in server.auth (did you mean "tokenEnv"?)
            mooring.yaml:7: server.auth.readOnly: false requires signing in, which needs tokenEnv or tokenFile
            """)
    }
}

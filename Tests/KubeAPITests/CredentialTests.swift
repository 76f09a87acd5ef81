import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// Bearer tokens, token files, basic auth, exec plugins (small shell scripts) and the in-cluster
/// service account, against nginx checking the `Authorization` header.
@Suite struct CredentialTests {
    private func makeClient(_ fixture: AuthFixture, _ user: JSON, server: String? = nil) throws -> KubeClient {
        let file = try fixture.directory.write("kubeconfig-\(UUID().uuidString.prefix(6))",
                                               KubeconfigFixture.single(cluster: ["server": .string(server ?? fixture.server)], user: user))
        return try KubeClient(kubeconfig: try Kubeconfig.load(files: [file]), options: KubeClientOptions(retryPolicy: .none))
    }

    @Test func bearerTokenAndBasicAuth() async throws {
        let fixture = try await AuthFixture.started()
        let token = try makeClient(fixture, ["token": "tok-1"])
        #expect(try await token.getJSON("/only/tok-1")["token"]?.stringValue == "tok-1")
        await #expect { try await token.getJSON("/only/tok-2") } throws: { ($0 as? APIError)?.reason == .unauthorized }
        let basic = try makeClient(fixture, ["username": "ann", "password": "s3cret"])
        #expect(try await basic.getJSON("/basic")["ok"]?.boolValue == true)
        let wrong = try makeClient(fixture, ["username": "ann", "password": "nope"])
        await #expect { try await wrong.getJSON("/basic") } throws: { ($0 as? APIError)?.reason == .unauthorized }
    }

    @Test func tokenFileIsReadAgainWhenItChanges() async throws {
        let fixture = try await AuthFixture.started()
        let directory = fixture.directory
        let path = try directory.write("token", "first-token\n")
        let client = try makeClient(fixture, ["tokenFile": .string(path)])
        #expect(try await client.getJSON("/only/first-token")["token"]?.stringValue == "first-token")
        // Rotated as the kubelet does: a new file swapped in.
        try directory.write("token.new", "second-token")
        #expect(rename(directory.file("token.new"), path) == 0)
        let before = client.requestsSent
        #expect(try await client.getJSON("/only/second-token")["token"]?.stringValue == "second-token")
        #expect(client.requestsSent - before == 1, "the change was noticed before sending, not after a 401")
    }

    @Test func missingTokenFileIsOneClearError() async throws {
        let fixture = try await AuthFixture.started()
        let directory = fixture.directory
        let client = try makeClient(fixture, ["tokenFile": .string(directory.file("absent-token"))])
        await #expect { try await client.getJSON("/only/x") } throws: { error in
            guard let error = error as? CredentialError, case .tokenFileUnreadable(let path, _) = error else { return false }
            return path == directory.file("absent-token")
        }
    }

    /// A plugin that counts its runs, records its arguments and `KUBERNETES_EXEC_INFO`, and
    /// prints the token and expiry held in files of the test's folder.
    private func writePlugin(_ fixture: AuthFixture, apiVersion: String = "client.authentication.k8s.io/v1") throws -> (TemporaryFolder, String) {
        let directory = fixture.directory
        let script = try directory.write("bin/get-token", """
            #!/bin/sh
            n=$(cat "$STATE/count" 2>/dev/null || echo 0)
            echo $((n + 1)) > "$STATE/count"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$STATE/exec-info.json"
            echo "$@" > "$STATE/args"
            printf '{"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$(cat "$STATE/token")" "$(cat "$STATE/expiry")"
            """, executable: true)
        return (directory, script)
    }

    private func runs(_ directory: TemporaryFolder) -> Int {
        Int(((try? directory.read("count")) ?? "0").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    @Test(arguments: ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"])
    func execPluginCredentialIsCachedUntilExpiry(apiVersion: String) async throws {
        let fixture = try await AuthFixture.started()
        let (directory, script) = try writePlugin(fixture, apiVersion: apiVersion)
        try directory.write("token", "exec-token")
        try directory.write("expiry", "2999-01-01T00:00:00Z")
        let client = try makeClient(fixture, ["exec": ["apiVersion": .string(apiVersion), "command": .string(script), "args": ["--region", "eu"],
                                          "env": [["name": "STATE", "value": .string(directory.path)]], "provideClusterInfo": true]])
        for _ in 0..<3 { #expect(try await client.getJSON("/only/exec-token")["token"]?.stringValue == "exec-token") }
        #expect(runs(directory) == 1)
        #expect(try directory.read("args").contains("--region eu"))
        let info = try JSON(parsing: try directory.read("exec-info.json"))
        #expect(info["apiVersion"]?.stringValue == apiVersion)
        #expect(info["kind"]?.stringValue == "ExecCredential")
        #expect(info[path: ["spec", "interactive"]]?.boolValue == false)
        #expect(info[path: ["spec", "cluster", "server"]]?.stringValue == fixture.server)
    }

    @Test func expiredExecCredentialIsFetchedAgain() async throws {
        let fixture = try await AuthFixture.started()
        let (directory, script) = try writePlugin(fixture)
        try directory.write("token", "exec-token")
        try directory.write("expiry", "2001-01-01T00:00:00Z")
        let client = try makeClient(fixture, ["exec": ["apiVersion": "client.authentication.k8s.io/v1", "command": .string(script),
                                          "env": [["name": "STATE", "value": .string(directory.path)]]]])
        _ = try await client.getJSON("/only/exec-token")
        _ = try await client.getJSON("/only/exec-token")
        #expect(runs(directory) == 2)
    }

    @Test func execPluginRunsAgainAfterA401() async throws {
        let fixture = try await AuthFixture.started()
        let (directory, script) = try writePlugin(fixture)
        try directory.write("token", "stale-token")
        try directory.write("expiry", "2999-01-01T00:00:00Z")
        let client = try makeClient(fixture, ["exec": ["apiVersion": "client.authentication.k8s.io/v1", "command": .string(script),
                                          "env": [["name": "STATE", "value": .string(directory.path)]]]])
        #expect(try await client.getJSON("/only/stale-token")["token"]?.stringValue == "stale-token")
        #expect(runs(directory) == 1)
        // The server revokes the token; the plugin now hands out a fresh one.
        try directory.write("token", "fresh-token")
        #expect(try await client.getJSON("/only/fresh-token")["token"]?.stringValue == "fresh-token")
        #expect(runs(directory) == 2)
    }

    @Test func failingPluginIsOneClearErrorWithoutItsOutput() async throws {
        let fixture = try await AuthFixture.started()
        let directory = fixture.directory
        let failing = try directory.write("bin/failing", "#!/bin/sh\necho leaked-secret-on-stdout\necho 'boom: no session' >&2\nexit 3\n", executable: true)
        let client = try makeClient(fixture, ["exec": ["apiVersion": "client.authentication.k8s.io/v1", "command": .string(failing)]])
        await #expect { try await client.getJSON("/only/x") } throws: { error in
            let text = "\(error)"
            return text.contains("boom: no session") && text.contains("status 3") && text.contains(failing) && !text.contains("leaked-secret")
        }
        let garbage = try directory.write("bin/garbage", "#!/bin/sh\necho 'token: leaked-secret'\n", executable: true)
        let garbageClient = try makeClient(fixture, ["exec": ["apiVersion": "client.authentication.k8s.io/v1", "command": .string(garbage)]])
        await #expect { try await garbageClient.getJSON("/only/x") } throws: { error in
            "\(error)".contains("not an ExecCredential") && !"\(error)".contains("leaked-secret")
        }
        let missing = try makeClient(fixture, ["exec": ["apiVersion": "client.authentication.k8s.io/v1", "command": "mooring-no-such-plugin",
                                           "installHint": "install it from example.com"]])
        await #expect { try await missing.getJSON("/only/x") } throws: { error in
            (error as? CredentialError) == .execNotFound(command: "mooring-no-such-plugin", installHint: "install it from example.com")
        }
    }

    @Test func inClusterServiceAccount() async throws {
        let tls = try await TLSFixture.started()
        let root = try TemporaryFolder("serviceaccount")
        try root.write("token", "good-token")
        try root.write("namespace", "apps")
        try FileManager.default.copyItem(atPath: tls.directory.file("server-ca.crt"), toPath: root.file("ca.crt"))
        let environment = ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": String(tls.nginx.ports[0])]
        let connection = try InClusterConfiguration.connection(root: root.path, environment: environment)
        #expect(connection.namespace == "apps")
        let client = KubeClient(connection: connection, options: KubeClientOptions(retryPolicy: .none))
        #expect(try await client.getJSON("/echo-auth")["ok"]?.boolValue == true)
        // The kubelet rotates the token: the next request carries the new one.
        try root.write("token", "rotated-token")
        await #expect { try await client.getJSON("/echo-auth") } throws: { ($0 as? APIError)?.reason == .unauthorized }
        #expect(throws: KubeconfigError.self) { try InClusterConfiguration.connection(root: root.path, environment: [:]) }
        #expect(throws: KubeconfigError.self) {
            try InClusterConfiguration.connection(root: root.file("nowhere"), environment: environment)
        }
    }
}

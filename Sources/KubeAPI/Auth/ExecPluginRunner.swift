import ChildProcess
import Foundation
import Manifests

/// Runs an exec credential plugin the way client-go does: the current environment plus the
/// plugin's `env`, `KUBERNETES_EXEC_INFO` describing the request, stdin closed, stdout parsed
/// as an `ExecCredential` of the same `apiVersion`.
struct ExecPluginRunner: Sendable {
    let config: ExecPluginConfig
    let cluster: JSON?

    static let supportedVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    func run() async throws(CredentialError) -> ExecCredential {
        guard Self.supportedVersions.contains(config.apiVersion) else {
            throw .execOutputInvalid(command: config.command, detail: "unsupported apiVersion \"\(config.apiVersion)\"")
        }
        if config.interactiveMode == "Always" {
            throw .execOutputInvalid(command: config.command,
                                     detail: "interactiveMode Always needs a terminal, and Mooring runs without one")
        }
        // A bare name is looked up on `PATH`, as exec does; stdin gets nothing.
        var plugin = ChildProcess(config.command, config.args, environment: environment())
        plugin.timeout = Self.timeout
        plugin.outputLimit = 1 << 20
        let result: ChildProcessResult
        do {
            result = try await plugin.run()
        } catch ChildProcessError.notFound {
            throw .execNotFound(command: config.command, installHint: config.installHint)
        } catch {
            throw .execFailed(command: config.command, exitStatus: -1, stderr: "\(error)")
        }
        guard result.succeeded else {
            let stderr = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw .execFailed(command: config.command, exitStatus: result.exitCode, stderr: String(stderr.prefix(500)))
        }
        return try parse(Data(result.standardOutput))
    }

    /// How long a plugin may take (a cloud CLI fetching a token); one that hangs is stopped.
    static let timeout: Duration = .seconds(120)

    /// The plugin's `env` and `KUBERNETES_EXEC_INFO`, on top of this process's environment.
    private func environment() -> [String: String?] {
        var environment: [String: String?] = [:]
        for variable in config.env { environment[variable.name] = variable.value }
        var spec: JSON = ["interactive": false]
        if config.provideClusterInfo, let cluster { spec["cluster"] = cluster }
        let info: JSON = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": spec]
        environment["KUBERNETES_EXEC_INFO"] = info.serialized()
        return environment
    }

    private func parse(_ stdout: Data) throws(CredentialError) -> ExecCredential {
        guard let json = try? JSON(parsing: Array(stdout)) else {
            throw .execOutputInvalid(command: config.command, detail: "output is not an ExecCredential JSON object")
        }
        guard json["kind"]?.stringValue == "ExecCredential" else {
            throw .execOutputInvalid(command: config.command, detail: "output kind is not ExecCredential")
        }
        guard json["apiVersion"]?.stringValue == config.apiVersion else {
            throw .execOutputInvalid(command: config.command,
                                     detail: "output apiVersion \"\(json["apiVersion"]?.stringValue ?? "")\" differs from the configured \"\(config.apiVersion)\"")
        }
        guard let status = json["status"], status.objectValue != nil else {
            throw .execOutputInvalid(command: config.command, detail: "output has no status")
        }
        var credential = ExecCredential()
        credential.token = status["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        credential.clientCertificatePEM = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        credential.clientKeyPEM = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        if credential.token == nil && (credential.clientCertificatePEM == nil || credential.clientKeyPEM == nil) {
            throw .execOutputInvalid(command: config.command, detail: "status has neither a token nor a client certificate and key")
        }
        if let stamp = status["expirationTimestamp"]?.stringValue {
            guard let date = Self.parseTimestamp(stamp) else {
                throw .execOutputInvalid(command: config.command, detail: "expirationTimestamp \"\(stamp)\" is not RFC 3339")
            }
            credential.expiration = date
        }
        return credential
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}

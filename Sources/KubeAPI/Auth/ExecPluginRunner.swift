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
        guard let executable = locate(config.command) else {
            throw .execNotFound(command: config.command, installHint: config.installHint)
        }
        let output: (status: Int32, stdout: Data, stderr: Data)
        do { output = try await Self.execute(executable, arguments: config.args, environment: environment()) } catch {
            throw .execFailed(command: config.command, exitStatus: -1, stderr: "\(error)")
        }
        guard output.status == 0 else {
            let stderr = String(decoding: output.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .execFailed(command: config.command, exitStatus: output.status, stderr: String(stderr.prefix(500)))
        }
        return try parse(output.stdout)
    }

    private func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
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

    /// A bare name is looked up on `PATH`, as exec does.
    private func locate(_ command: String) -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs a program to completion off the cooperative pool, reading both pipes concurrently.
    private static func execute(_ executable: String, arguments: [String], environment: [String: String]) async throws
        -> (status: Int32, stdout: Data, stderr: Data)
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return await withCheckedContinuation { continuation in
            let errorData = Locked(Data())
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async {
                let data = stderr.fileHandleForReading.readDataToEndOfFile()
                errorData.withLock { $0 = data }
                group.leave()
            }
            DispatchQueue.global().async {
                let data = stdout.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                process.waitUntilExit()
                continuation.resume(returning: (process.terminationStatus, data, errorData.withLock { $0 }))
            }
        }
    }
}

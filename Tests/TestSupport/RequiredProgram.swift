import Foundation

/// The programs the tests run and the Debian packages that bring them (`scripts/install-deps.sh`
/// installs them). A missing one fails the test that needs it, saying what to install: CI must
/// never pass a suite by skipping it.
public enum RequiredProgram {
    static let packages: [String: String] = [
        "git": "git", "git-daemon": "git", "git-http-backend": "git", "openssl": "openssl", "nginx": "nginx-light",
        "sshd": "openssh-server", "ssh-keygen": "openssh-client", "chromium": "chromium", "curl": "curl",
        "kubectl": "kubectl (google-cloud-cli-kubectl)", "python3": "python3", "fcgiwrap": "fcgiwrap", "script": "bsdutils",
    ]

    /// `sshd is not installed: install openssh-server (scripts/install-deps.sh does)`
    public static func missingMessage(_ program: String) -> String {
        let name = (program as NSString).lastPathComponent
        let package = packages[name].map { "install \($0)" } ?? "install it"
        return "\(program) is not installed: \(package) (scripts/install-deps.sh installs what the tests need)"
    }

    /// The program's path: an absolute path that must exist, or a name found on `PATH`.
    /// - Throws: `FixtureError` naming the package when it is missing.
    public static func path(_ program: String) throws -> String {
        if program.hasPrefix("/") {
            guard FileManager.default.isExecutableFile(atPath: program) else { throw FixtureError(missingMessage(program)) }
            return program
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw FixtureError(missingMessage(program))
    }
}

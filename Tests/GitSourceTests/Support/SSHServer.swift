import Foundation
import TestSupport

/// A real OpenSSH server (`sshd -D`) on 127.0.0.1 and a free port, letting one client key log in
/// as the current user, so git runs `git-upload-pack`/`git-receive-pack` over SSH as it would on
/// any server. Needs openssh-server: without it the test fails saying so. Stop it with `stop()`.
struct SSHServer: Sendable {
    let port: Int
    /// The client's private key (no passphrase), authorised to log in.
    let clientKey: String
    /// A `known_hosts` file listing this server's host key for `[127.0.0.1]:<port>`.
    let knownHosts: String
    /// The host key's public line (`ssh-ed25519 AAAA...`).
    let hostPublicKey: String
    let user: String
    /// Its keys, configuration and log, kept as long as it runs.
    let folder: TemporaryFolder
    private let process: BackgroundCommand

    static func start(in folder: TemporaryFolder) async throws -> SSHServer {
        // sshd re-executes itself, so it must be started by its absolute path.
        let sshd = try RequiredProgram.path("/usr/sbin/sshd")
        try await Command.check("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.file("host_key")])
        try await Command.check("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.file("client_key")])
        try FileManager.default.copyItem(atPath: folder.file("client_key.pub"), toPath: folder.file("authorized_keys"))
        let hostPublicKey = try folder.read("host_key.pub").split(separator: " ").prefix(2).joined(separator: " ")
        let user = String(cString: getpwuid(getuid())!.pointee.pw_name)
        // sshd insists on its privilege-separation folder.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)

        var lastError: any Error = FixtureError("sshd did not start")
        for _ in 0..<5 {
            let port = try LoopbackPort.free()
            try folder.write("sshd_config", """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(folder.file("host_key"))
                AuthorizedKeysFile \(folder.file("authorized_keys"))
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin prohibit-password
                StrictModes no
                UsePAM no
                """)
            let process = try await Command.start(sshd, ["-D", "-f", folder.file("sshd_config"), "-E", folder.file("sshd.log")])
            if await LoopbackPort.waitUntilListening(port, process: process) {
                let knownHosts = try folder.write("known_hosts", "[127.0.0.1]:\(port) \(hostPublicKey)\n")
                return SSHServer(port: port, clientKey: folder.file("client_key"), knownHosts: knownHosts,
                                 hostPublicKey: hostPublicKey, user: user, folder: folder, process: process)
            }
            process.kill()
            lastError = FixtureError("sshd did not start on port \(port): \((try? folder.read("sshd.log")) ?? "")")
        }
        throw lastError
    }

    /// `ssh://<user>@127.0.0.1:<port><absolute path>`
    func url(path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

    /// Stops it (and the sessions it forked) by its PID.
    func stop() { process.kill() }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real OpenSSH server (`sshd -D`) on 127.0.0.1 and a free port, letting one client key log in
/// as the current user, so git runs `git-upload-pack`/`git-receive-pack` over SSH as it would on
/// any server. Needs `/usr/sbin/sshd` (Debian package openssh-server); tests skip without it.
final class SSHServer: Sendable {
    static let isAvailable = FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen")

    let port: UInt16
    /// The client's private key (no passphrase), authorised to log in.
    let clientKey: String
    /// A `known_hosts` file listing this server's host key for `[127.0.0.1]:<port>`.
    let knownHosts: String
    /// The host key's public line (`ssh-ed25519 AAAA...`).
    let hostPublicKey: String
    let user: String
    /// The listening sshd's process id, from its PidFile.
    private let pid: pid_t

    init(folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let keygen = "/usr/bin/ssh-keygen"
        try Command.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", folder + "/host_key"])
        try Command.run(keygen, ["-q", "-t", "ed25519", "-N", "", "-f", folder + "/client_key"])
        try FileManager.default.copyItem(atPath: folder + "/client_key.pub", toPath: folder + "/authorized_keys")
        clientKey = folder + "/client_key"
        let publicLine = try String(contentsOfFile: folder + "/host_key.pub", encoding: .utf8).split(separator: " ")
        hostPublicKey = publicLine.prefix(2).joined(separator: " ")
        user = String(cString: getpwuid(getuid())!.pointee.pw_name)
        // sshd insists on its privilege-separation folder.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)

        var lastError: Error?
        for _ in 0..<5 {
            let port = try LoopbackPort.free()
            let configuration = folder + "/sshd_config"
            try """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(folder)/host_key
            PidFile \(folder)/sshd.pid
            AuthorizedKeysFile \(folder)/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            """.write(toFile: configuration, atomically: true, encoding: .utf8)
            // sshd forks into the background itself (no -D): it closes every inherited file
            // descriptor, which would confuse Foundation's Process into waiting on it forever.
            let pidFile = folder + "/sshd.pid"
            try? FileManager.default.removeItem(atPath: pidFile)
            try Command.run("/usr/sbin/sshd", ["-f", configuration, "-E", folder + "/sshd.log"])
            let pid = SSHServer.readPID(pidFile)
            if let pid, SSHServer.waitUntilListening(port, pid: pid) {
                self.port = port
                self.pid = pid
                knownHosts = folder + "/known_hosts"
                try "[127.0.0.1]:\(port) \(hostPublicKey)\n".write(toFile: knownHosts, atomically: true, encoding: .utf8)
                return
            }
            if let pid { SSHServer.terminate(pid) }
            lastError = Command.Failure(description: "sshd did not start on port \(port)")
        }
        throw lastError!
    }

    /// `ssh://<user>@127.0.0.1:<port><absolute path>`
    func url(path: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(path)" }

    func stop() { SSHServer.terminate(pid) }

    /// SIGKILL, as SIGTERM may be blocked in the signal mask sshd inherited; sessions end with
    /// their connections. sshd is not our child once it forked, so poll until it is gone.
    private static func terminate(_ pid: pid_t) {
        kill(pid, SIGKILL)
        for _ in 0..<100 where kill(pid, 0) == 0 { usleep(20_000) }
    }

    private static func readPID(_ file: String) -> pid_t? {
        for _ in 0..<100 {
            if let text = try? String(contentsOfFile: file, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            usleep(20_000)
        }
        return nil
    }

    private static func waitUntilListening(_ port: UInt16, pid: pid_t) -> Bool {
        for _ in 0..<100 {
            if kill(pid, 0) != 0 { return false }
            if LoopbackPort.isListening(port) { return true }
            usleep(50_000)
        }
        return false
    }
}

import Foundation
import Glibc

/// TCP ports on 127.0.0.1 for the servers tests start.
public enum LoopbackPort {
    /// A port the kernel just handed out for 127.0.0.1 (bound to port 0, then released). Another
    /// process may take it before the server binds it: servers retry with a new one.
    public static func free() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw FixtureError("socket() failed") }
        defer { close(socketFD) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) }
        }
        guard bound == 0 else { throw FixtureError("bind() failed") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw FixtureError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// A socket of this process listening on 127.0.0.1 and a port the kernel picks (close it).
    public static func listen(backlog: Int32 = 16) throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw FixtureError("socket() failed") }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && Glibc.listen(descriptor, backlog) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard listening else {
            close(descriptor)
            throw FixtureError("cannot listen on 127.0.0.1")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// Whether something accepts TCP connections on 127.0.0.1:`port` right now.
    public static func isListening(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// Polls until something accepts connections on `port`; `false` when `timeout` passes first
    /// or `process` (when given) has exited.
    public static func waitUntilListening(_ port: Int, process: BackgroundCommand? = nil,
                                          timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            // Listening, and on a socket of this process: a server that lost the port to another
            // program exits, but not always before the other program answers on it — and a test
            // that took another test's `git daemon` for its own read that test's repository.
            if isListening(port) {
                guard let process else { return true }
                if process.isRunning && listens(on: port, pid: process.pid) { return true }
                if !process.isRunning { return false }
            }
            if let process, !process.isRunning { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        guard let process else { return isListening(port) }
        return isListening(port) && process.isRunning && listens(on: port, pid: process.pid)
    }

    /// Whether `pid` (or a child of it) holds the socket listening on `port`: the LISTEN entries
    /// of /proc/net/tcp and tcp6 name the socket's inode, and /proc/<pid>/fd links to it.
    public static func listens(on port: Int, pid: Int32) -> Bool {
        let suffix = String(format: ":%04X", port)
        var inodes: Set<Substring> = []
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            guard let text = ProcFile.read(table) else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: " ")
                guard fields.count > 9, fields[1].hasSuffix(suffix), fields[3] == "0A" else { continue }
                inodes.insert(fields[9])
            }
        }
        guard !inodes.isEmpty else { return false }
        // The process's own descriptors first: its children are looked for (all of /proc) only
        // when it holds none of them.
        return holds(inodes, pid: pid) || children(of: pid).contains { holds(inodes, pid: $0) }
    }

    /// Whether `pid` has a descriptor open on a socket with one of `inodes`.
    private static func holds(_ inodes: Set<Substring>, pid: Int32) -> Bool {
        let files = FileManager.default
        let folder = "/proc/\(pid)/fd"
        for descriptor in (try? files.contentsOfDirectory(atPath: folder)) ?? [] {
            guard let target = try? files.destinationOfSymbolicLink(atPath: folder + "/" + descriptor),
                  target.hasPrefix("socket:[") else { continue }
            if inodes.contains(target.dropFirst("socket:[".count).dropLast()) { return true }
        }
        return false
    }

    /// The processes whose parent is `pid` (field 4 of /proc/<pid>/stat, after the command's brackets).
    private static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> Int32? in
            guard let candidate = Int32(entry),
                  let stat = ProcFile.read("/proc/\(entry)/stat"),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? candidate : nil
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

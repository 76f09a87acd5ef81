import Foundation
import Synchronization

/// An exclusive `flock` on `<data>/lock`, so two clusters never write one journal; the second
/// gets a clear error naming the first one's process.
final class DataFolderLock: Sendable {
    private let descriptor = Mutex<Int32>(-1)

    init(directory: String) throws {
        let path = directory + "/lock"
        let fd = open(path, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw StatusError.internalError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            close(fd)
            throw LocalClusterError.dataFolderInUse(directory: directory, pid: holder)
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor.withLock { $0 = fd }
    }

    func release() {
        let fd = descriptor.withLock { value -> Int32 in
            let fd = value
            value = -1
            return fd
        }
        if fd >= 0 { flock(fd, LOCK_UN); close(fd) }
    }

    deinit { release() }
}

/// Why a local cluster could not start.
public enum LocalClusterError: Error, CustomStringConvertible, Sendable {
    case dataFolderInUse(directory: String, pid: String)

    public var description: String {
        switch self {
        case .dataFolderInUse(let directory, let pid):
            return "the data folder \(directory) is in use by another local cluster (process \(pid))"
        }
    }
}

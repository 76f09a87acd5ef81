import Foundation

/// The cross-process lock of one mirror: an `flock` on `<mirror>.lock` beside it, held while a
/// process clones, checks or fetches into the mirror. The kernel drops it when the process
/// ends, however it ends, so a crash never leaves a stale lock behind (unlike git's own
/// `*.lock` files, which ``removeStaleGitLocks(in:)`` clears while this lock is held).
struct MirrorLock: ~Copyable {
    private let descriptor: Int32

    /// Takes the lock, waiting while another process holds it, at most `timeout`.
    init(mirror folder: String, timeout: Duration = .seconds(300)) throws {
        let path = folder + ".lock"
        let descriptor = Glibc.open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw GitError(.failed, attempted: "cannot lock the mirror \(folder)", reason: String(cString: strerror(errno)))
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, clock.now < deadline else {
                let reason = errno == EWOULDBLOCK ? "another mooring process held it for \(timeout)" : String(cString: strerror(errno))
                Glibc.close(descriptor)
                throw GitError(.failed, attempted: "cannot lock the mirror \(folder)", reason: reason)
            }
            usleep(50_000)
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        Glibc.close(descriptor)
    }

    /// git's own lock files (`packed-refs.lock`, `refs/heads/main.lock`, `config.lock`, …) in a
    /// mirror: with the mirror's `flock` held no mooring process is writing, so any is left by a
    /// process that died mid-write and would fail every later fetch. Returns what was removed.
    /// Only the top level and `refs/` are looked at: git writes no lock files among its objects.
    @discardableResult
    func removeStaleGitLocks(in folder: String) -> [String] {
        let files = FileManager.default
        var candidates = (try? files.contentsOfDirectory(atPath: folder)) ?? []
        if let walker = files.enumerator(atPath: folder + "/refs") {
            for case let relative as String in walker { candidates.append("refs/" + relative) }
        }
        return candidates.filter { $0.hasSuffix(".lock") && unlink(folder + "/" + $0) == 0 }
    }
}

import Foundation
import Synchronization

/// What the test process leaves behind, cleaned up when it exits: every background program still
/// running (killed by its process group, even one a test never stopped because it threw first),
/// and the temporary folders handed out by path.
enum ExitCleanup {
    private static let running = Mutex(Set<Int32>())
    private static let folders = Mutex([String]())
    private static let register: Void = {
        atexit {
            for pid in ExitCleanup.running.withLock({ $0 }) { kill(-pid, SIGKILL) }
            for folder in ExitCleanup.folders.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) }
        }
    }()

    static func remove(_ folder: String) {
        _ = register
        folders.withLock { $0.append(folder) }
    }

    static func started(_ pid: Int32) {
        _ = register
        running.withLock { _ = $0.insert(pid) }
    }

    static func stopped(_ pid: Int32) {
        running.withLock { _ = $0.remove(pid) }
    }

    static func hasEnded(_ pid: Int32) -> Bool {
        !running.withLock { $0.contains(pid) }
    }
}

import Dispatch
import Foundation
import Synchronization

/// One serial queue per repository folder for the whole process, so two ``GitRepository``
/// values opened on the same folder (say, two environments each opening the mirror) never run
/// libgit2 on it at the same time, which would race on its lock files.
enum RepositoryQueues {
    private static let queues = Mutex<[String: DispatchQueue]>([:])

    static func queue(for path: String) -> DispatchQueue {
        let key = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        return queues.withLock { queues in
            if let existing = queues[key] { return existing }
            let queue = DispatchQueue(label: "mooring.git \(key)")
            queues[key] = queue
            return queue
        }
    }
}

import Foundation
import KubeAPI
import Reconciler
import Synchronization

/// `--stats`: the requests each environment's reconcile sent, printed on stderr after a pass —
/// how the benchmark shows that a no-op reconcile LISTs once per type and PATCHes nothing.
final class RequestCounters: Sendable {
    private struct Entry: Sendable {
        var environment: String
        var counting: CountingClusterClient
        var http: KubeClient
    }

    private let entries = Mutex<[Entry]>([])

    func add(_ environment: String, _ counting: CountingClusterClient, http: KubeClient) {
        entries.withLock { $0.append(Entry(environment: environment, counting: counting, http: http)) }
    }

    /// Prints and resets the counts (HTTP total includes discovery and retries, per cluster).
    func report() {
        for entry in entries.withLock({ $0 }) {
            let line = "\(entry.environment): requests: \(entry.counting.counts) (HTTP requests to its cluster so far: \(entry.http.requestsSent))\n"
            FileHandle.standardError.write(Data(line.utf8))
            entry.counting.reset()
        }
    }
}

import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// CPU-bound work over many independent items on every core, the results in the items' order.
///
/// Rendering a thousand files or diffing a thousand objects one after the other leaves the
/// other cores idle and, on a busy machine, gets one thread's share of the CPU; in a few chunks
/// per core it takes a fraction of the time. Small inputs stay on the calling thread.
public enum ParallelMap {
    /// Below this many items splitting the work costs more than it saves.
    public static let minimumItems = 64

    /// `items.map(transform)`, spread over the cores. `transform` runs on several threads at once.
    public static func map<Item: Sendable, Output: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Output) -> [Output] {
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        guard items.count >= minimumItems, cores > 1 else { return items.map(transform) }
        let chunks = min(cores * 4, items.count / (minimumItems / 4))
        let size = (items.count + chunks - 1) / chunks
        let parts = Mutex<[[Output]]>(Array(repeating: [], count: chunks))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let outputs = items[min(items.count, chunk * size)..<min(items.count, (chunk + 1) * size)].map(transform)
            parts.withLock { $0[chunk] = outputs }
        }
        return parts.withLock { $0.flatMap { $0 } }
    }
}

/// Why a reconcile stopped before changing anything: bad input or an unreadable cluster or
/// repository. One line, naming the file, line or object, as the user should see it.
public enum ReconcileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The repository could not be fetched or the ref resolved.
    case source(String)
    /// A file of the revision could not be read or parsed (the renderer's message names file and line).
    case render(String)
    /// The revision's objects cannot be planned (unknown kind, duplicate, bad sync wave).
    case plan(String)
    /// A desired object could not be read from the cluster.
    case clusterRead(object: String, reason: String)
    /// The cluster could not be reached or used.
    case cluster(String)
    /// Another process holds the environment's Lease (and `--no-wait` was given).
    case locked(String)
    /// The pass ran past the environment's deadline (`timeout`) and was abandoned; `lastStep`
    /// is the last thing it said it was doing.
    case deadlineExceeded(limit: Duration, lastStep: String?)

    public var description: String {
        switch self {
        case .source(let message): return message
        case .render(let message): return message
        case .plan(let message): return message
        case let .clusterRead(object, reason): return "reading \(object) from the cluster failed: \(reason)"
        case .cluster(let message): return message
        case .locked(let message): return message
        case let .deadlineExceeded(limit, lastStep):
            return "did not finish within \(GoDuration.format(limit))" + (lastStep.map { " (last: \($0))" } ?? "")
        }
    }
}

import Foundation
import TestSupport
@testable import KubeAPI

/// Reads a watch until `enough` says the events gathered suffice, or the deadline passes.
func collect(_ events: AsyncThrowingStream<WatchEvent, Error>, timeout: Duration = .seconds(5),
             until enough: @escaping @Sendable ([WatchEvent]) -> Bool) async throws -> [WatchEvent] {
    try await withThrowingTaskGroup(of: [WatchEvent]?.self) { group in
        group.addTask {
            var seen: [WatchEvent] = []
            for try await event in events {
                seen.append(event)
                if enough(seen) { return seen }
            }
            return seen
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        guard let seen = first else { throw FixtureError("the watch did not deliver the expected events in time") }
        return seen
    }
}

extension WatchEvent {
    /// `ADDED name`, `MODIFIED name`, ... for comparing sequences.
    var summary: String {
        let name = object?[path: ["metadata", "name"]]?.stringValue ?? ""
        switch self {
        case .added: return "ADDED \(name)"
        case .modified: return "MODIFIED \(name)"
        case .deleted: return "DELETED \(name)"
        case .bookmark: return "BOOKMARK"
        case .relisted(let items, _): return "RELISTED \(items.count)"
        case .interrupted: return "INTERRUPTED"
        case .reconnected: return "RECONNECTED"
        }
    }
}

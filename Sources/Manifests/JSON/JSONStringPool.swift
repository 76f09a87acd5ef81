import Synchronization

/// The strings parsed JSON repeats, stored once. Kubernetes objects repeat the same keys
/// (`terminationGracePeriodSeconds`, `app.kubernetes.io/managed-by`, managedFields' `f:` paths)
/// and many of the same values (the revision annotation, timestamps of one second, a
/// Deployment's condition reasons) in every object; a string of more than 15 UTF-8 bytes is a
/// heap allocation of its own, so 10,000 live objects held about 350,000 of them. Pooled, every
/// object holding `"app.kubernetes.io/managed-by"` shares one.
///
/// Only strings longer than Swift's inline small strings are pooled (shorter ones cost nothing),
/// and values only up to `longestValue` bytes (a key always): a ConfigMap's file contents are
/// not worth hashing. The pool is emptied whenever it reaches `capacity`, so strings that stop
/// repeating (the uids of deleted objects) are not kept for ever; objects keep what they hold.
final class JSONStringPool: Sendable {
    static let shared = JSONStringPool()

    /// How many strings are kept before the pool starts afresh.
    static let capacity = 1 << 16
    /// The longest value pooled, in UTF-8 bytes.
    static let longestValue = 64
    /// The longest string stored inline by Swift (no allocation to share).
    static let longestSmall = 15

    private let strings = Mutex(Set<String>())

    /// Whether a string of `count` UTF-8 bytes is worth pooling.
    static func pools(count: Int, isKey: Bool) -> Bool {
        count > longestSmall && (isKey || count <= longestValue)
    }

    /// The pooled string equal to `string`, which is pooled if none is yet.
    func intern(_ string: String) -> String {
        strings.withLock { strings in
            if strings.count >= Self.capacity && !strings.contains(string) { strings.removeAll(keepingCapacity: true) }
            return strings.insert(string).memberAfterInsert
        }
    }

    /// How many strings are pooled (tests).
    var count: Int { strings.withLock { $0.count } }
}

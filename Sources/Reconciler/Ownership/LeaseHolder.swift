import Foundation

/// Who holds a Lease, and how long before it expires unless renewed.
public struct LeaseHolder: Sendable, Equatable {
    public var record: LeaseRecord
    public var remaining: Duration

    /// `held by build-7_4242_9f3a1c2e since 2024-05-01T12:00:03Z (renewed 2s ago)`
    public func sentence(lease: String) -> String {
        var text = "Lease \(lease) is held by \(record.holderIdentity)"
        if let since = record.acquireTime { text += " since \(since.formatted(.iso8601))" }
        if let renewed = record.renewTime { text += " (last renewed \(renewed.formatted(.iso8601)))" }
        return text
    }
}

/// `--no-wait` found the Lease held by someone else.
public struct LeaseHeld: Error, Sendable, Equatable, CustomStringConvertible {
    public var lease: String
    public var holder: LeaseHolder

    public var description: String { holder.sentence(lease: lease) }
}

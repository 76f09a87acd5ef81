internal import CGit2
import Foundation

/// Who made a commit and when (author or committer).
public struct GitSignature: Hashable, Sendable {
    public var name: String
    public var email: String
    public var time: Date
    /// Offset from UTC in minutes, as recorded in the commit.
    public var timeZoneOffsetMinutes: Int

    public init(name: String, email: String, time: Date = Date(), timeZoneOffsetMinutes: Int = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.timeZoneOffsetMinutes = timeZoneOffsetMinutes
    }

    /// Used for commits Mooring makes when the caller names nobody and git config names nobody.
    public static var mooring: GitSignature { GitSignature(name: "Mooring", email: "mooring@localhost") }
}

extension GitSignature {
    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        self.init(
            name: value.name.map { String(cString: $0) } ?? "",
            email: value.email.map { String(cString: $0) } ?? "",
            time: Date(timeIntervalSince1970: TimeInterval(value.when.time)),
            timeZoneOffsetMinutes: Int(value.when.offset)
        )
    }
}

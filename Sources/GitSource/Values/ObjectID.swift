internal import CGit2

/// The 40-hex-digit SHA-1 name of a git object (commit, tree or blob).
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The full lower-case hex name.
    public let hex: String

    /// Accepts exactly 40 hex digits; anything else is `nil`.
    public init?(hex: String) {
        let lowered = hex.lowercased()
        guard lowered.utf8.count == 40, lowered.utf8.allSatisfy({ ObjectID.isHexDigit($0) }) else { return nil }
        self.hex = lowered
    }

    /// The first 7 digits, as `git log --oneline` shows them.
    public var short: String { String(hex.prefix(7)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)
    }
}

/// A commit's object id.
public typealias CommitID = ObjectID
/// A tree's object id; equal trees mean equal folder contents.
public typealias TreeID = ObjectID

extension ObjectID {
    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, 41, &copy)
        self.hex = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// The libgit2 form of this id.
    var oid: git_oid {
        var result = git_oid()
        _ = git_oid_fromstr(&result, hex)
        return result
    }
}

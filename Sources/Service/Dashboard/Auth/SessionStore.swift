import Crypto
import Foundation
import Synchronization

/// The dashboard's sessions, in memory: a browser's session id (the `mooring_session` cookie)
/// to who signed in, if anyone, and the CSRF token its forms carry. A restart signs everyone out.
///
/// Every visitor gets a session on their first page, so even the sign-in form carries a CSRF
/// token; signing in replaces the id (no fixation). Anonymous sessions are capped and the oldest
/// dropped first, so a crawler cannot grow memory without bound.
public final class SessionStore: Sendable {
    public struct Session: Sendable, Equatable {
        public var id: String
        public var user: String?
        public var csrf: String
        public var expires: Date
    }

    private let sessions = Mutex<[String: Session]>([:])
    let lifetime: TimeInterval
    let limit: Int

    public init(lifetime: TimeInterval = 8 * 3600, limit: Int = 10_000) {
        self.lifetime = lifetime
        self.limit = limit
    }

    /// The live session with this id.
    public func session(_ id: String?, now: Date = Date()) -> Session? {
        guard let id else { return nil }
        return sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            if session.expires < now {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    /// A new session (for `user`, or anonymous).
    public func create(user: String? = nil, now: Date = Date()) -> Session {
        let session = Session(id: Self.randomToken(), user: user, csrf: Self.randomToken(), expires: now.addingTimeInterval(lifetime))
        sessions.withLock { sessions in
            if sessions.count >= limit {
                for (id, old) in sessions where old.expires < now { sessions[id] = nil }
                if sessions.count >= limit, let oldest = sessions.values.min(by: { $0.expires < $1.expires }) { sessions[oldest.id] = nil }
            }
            sessions[session.id] = session
        }
        return session
    }

    public func end(_ id: String) {
        sessions.withLock { $0[id] = nil }
    }

    /// 32 random bytes, hex: session ids and CSRF tokens.
    static func randomToken() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { bytes in bytes.map { String(format: "%02x", $0) }.joined() }
    }

    /// Compares secrets in time independent of where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

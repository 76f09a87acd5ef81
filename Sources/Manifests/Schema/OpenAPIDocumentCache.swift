import Synchronization

/// Generated OpenAPI documents with their content hashes, shared between threads: kubectl asks
/// for `/openapi/v3` on every command, and building all documents each time is slow.
final class OpenAPIDocumentCache: Sendable {
    private let entries = Mutex<[String: (document: JSON, hash: String)]>([:])

    func value(forKey key: String) -> (document: JSON, hash: String)? {
        entries.withLock { $0[key] }
    }

    func store(_ entry: (document: JSON, hash: String), forKey key: String) {
        entries.withLock { $0[key] = entry }
    }
}

import Foundation

/// Generated OpenAPI documents with their content hashes, shared between threads: kubectl asks
/// for `/openapi/v3` on every command, and building all documents each time is slow.
final class OpenAPIDocumentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (document: JSON, hash: String)] = [:]

    func value(forKey key: String) -> (document: JSON, hash: String)? {
        lock.lock()
        defer { lock.unlock() }
        return entries[key]
    }

    func store(_ entry: (document: JSON, hash: String), forKey key: String) {
        lock.lock()
        defer { lock.unlock() }
        entries[key] = entry
    }
}

import Foundation
import Manifests
import Synchronization

/// The cluster's durable state: a snapshot plus an append-only journal in the data folder.
///
/// Every write is appended and `fdatasync`ed before the request is answered, so an acknowledged
/// write survives `kill -9`. Appends are written and synced by a flushing thread, off the
/// concurrency threads, and writes that arrive together share one sync (group commit). On start the journal is replayed
/// over the snapshot (a torn last line from a crash is ignored), and both are compacted into a
/// fresh snapshot.
final class PersistenceLog: Sendable {
    private let snapshotPath: String
    private let journalPath: String

    /// Records waiting for the flushing thread, and whether it runs.
    private struct Queue {
        var pending: [(record: [UInt8], done: CheckedContinuation<Void, Error>)] = []
        var flushing = false
    }
    private let queue = Mutex(Queue())
    /// The journal's file descriptor; held while a batch is written and synced, or while the
    /// journal is compacted, so the two never interleave.
    private let journal = Mutex<Int32>(-1)

    init(directory: String) {
        snapshotPath = directory + "/objects.snapshot"
        journalPath = directory + "/objects.journal"
    }

    deinit {
        let fd = journal.withLock { $0 }
        if fd >= 0 { close(fd) }
    }

    /// Reads the snapshot and journal; returns every object and the highest resourceVersion.
    func load() throws -> (objects: [ObjectKey: StoredObject], resourceVersion: Int64) {
        var objects: [ObjectKey: StoredObject] = [:]
        var highest: Int64 = 0
        for path in [snapshotPath, journalPath] {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            for line in data.split(separator: UInt8(ascii: "\n")) {
                guard let record = try? JSON(parsing: line), let op = record["op"]?.stringValue,
                      let rv = record["rv"]?.intValue else { continue }
                highest = max(highest, rv)
                guard let key = Self.key(of: record) else { continue }
                switch op {
                case "put": if let object = record["o"] { objects[key] = StoredObject(object, resourceVersion: rv) }
                case "del": objects[key] = nil
                default: break
                }
            }
        }
        return (objects, highest)
    }

    /// Writes all objects as the new snapshot (atomically) and starts an empty journal, after
    /// every append already queued.
    func compact(objects: [ObjectKey: StoredObject], resourceVersion: Int64) throws {
        try journal.withLock { fd in try compactNow(objects: objects, resourceVersion: resourceVersion, journal: &fd) }
    }

    private func compactNow(objects: [ObjectKey: StoredObject], resourceVersion: Int64, journal current: inout Int32) throws {
        let temporary = snapshotPath + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw StatusError.internalError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        var buffer: [UInt8] = Array("{\"op\":\"rv\",\"rv\":\(resourceVersion)}\n".utf8)
        for (key, stored) in objects {
            buffer.append(contentsOf: Self.putRecord(key, stored))
            if buffer.count > 1 << 20 { try Self.writeAll(fd, buffer); buffer.removeAll(keepingCapacity: true) }
        }
        try Self.writeAll(fd, buffer)
        fsync(fd)
        close(fd)
        guard rename(temporary, snapshotPath) == 0 else {
            throw StatusError.internalError("cannot replace \(snapshotPath): \(String(cString: strerror(errno)))")
        }
        let journal = open(journalPath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        guard journal >= 0 else { throw StatusError.internalError("cannot open \(journalPath): \(String(cString: strerror(errno)))") }
        if current >= 0 { close(current) }
        current = journal
        let folder = open((snapshotPath as NSString).deletingLastPathComponent, O_RDONLY)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    func appendPut(_ key: ObjectKey, _ stored: StoredObject) async throws {
        try await append(Self.putRecord(key, stored))
    }

    func appendDelete(_ key: ObjectKey, resourceVersion: Int64) async throws {
        var record = Array("{\"op\":\"del\",\"rv\":\(resourceVersion),".utf8)
        record.append(contentsOf: Self.keyFields(key))
        record.append(contentsOf: Array("}\n".utf8))
        try await append(record)
    }

    /// Returns once the record is on disk.
    private func append(_ record: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
            let startFlushing = queue.withLock { queue -> Bool in
                queue.pending.append((record, done))
                if queue.flushing { return false }
                queue.flushing = true
                return true
            }
            if startFlushing { Thread.detachNewThread { self.flush() } }
        }
    }

    /// Writes everything pending with one sync, until nothing is left.
    private func flush() {
        while true {
            let batch = queue.withLock { queue in
                let batch = queue.pending
                queue.pending = []
                if batch.isEmpty { queue.flushing = false }
                return batch
            }
            if batch.isEmpty { return }
            let failure: Error? = journal.withLock { fd in
                do {
                    try Self.writeAll(fd, batch.flatMap(\.record))
                    if fdatasync(fd) != 0 {
                        return StatusError.internalError("cannot sync \(journalPath): \(String(cString: strerror(errno)))")
                    }
                    return nil
                } catch {
                    return error
                }
            }
            for item in batch {
                if let failure { item.done.resume(throwing: failure) } else { item.done.resume() }
            }
        }
    }

    private static func putRecord(_ key: ObjectKey, _ stored: StoredObject) -> [UInt8] {
        var record = Array("{\"op\":\"put\",\"rv\":\(stored.resourceVersion),".utf8)
        record.append(contentsOf: keyFields(key))
        record.append(contentsOf: Array(",\"o\":".utf8))
        record.append(contentsOf: stored.bytes)
        record.append(contentsOf: Array("}\n".utf8))
        return record
    }

    private static func keyFields(_ key: ObjectKey) -> [UInt8] {
        let fields: JSON = ["g": .string(key.resource.group), "r": .string(key.resource.resource),
                            "ns": .string(key.namespace), "n": .string(key.name)]
        return Array(fields.serializedBytes().dropFirst().dropLast())
    }

    private static func key(of record: JSON) -> ObjectKey? {
        guard let group = record["g"]?.stringValue, let resource = record["r"]?.stringValue,
              let namespace = record["ns"]?.stringValue, let name = record["n"]?.stringValue else { return nil }
        return ObjectKey(resource: GroupResource(group: group, resource: resource), namespace: namespace, name: name)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw StatusError.internalError("write failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }
}

import Foundation

/// A bearer token kept in a file, re-read whenever the file changes (a projected service-account
/// token is swapped in place by the kubelet) or after the server rejected it.
struct TokenFile: Sendable {
    let path: String
    private var token: String?
    private var stamp: FileStamp?

    init(path: String) { self.path = path }

    /// Modification time, size and inode: any of them changes when the kubelet swaps the file.
    private struct FileStamp: Equatable, Sendable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    mutating func current() throws(CredentialError) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let stamp = FileStamp(modified: attributes?[.modificationDate] as? Date,
                              size: (attributes?[.size] as? NSNumber)?.intValue,
                              inode: (attributes?[.systemFileNumber] as? NSNumber)?.intValue)
        if let token, stamp == self.stamp { return token }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .tokenFileUnreadable(path: path, reason: Kubeconfig.reason(error))
        }
        let fresh = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if fresh.isEmpty { throw .tokenFileUnreadable(path: path, reason: "the file is empty") }
        token = fresh
        self.stamp = stamp
        return fresh
    }

    mutating func forget() {
        token = nil
        stamp = nil
    }
}

import Foundation

/// A file of /proc read whole. Its files say they are empty and are made as they are read, a
/// page at a time: `String(contentsOfFile:)` returns the first read only, so /proc/net/tcp came
/// back as its first 27 sockets, and a server listening past them was taken for not started
/// (every fixture server of a full end-to-end run once failed so, with thousands of sockets in
/// TIME_WAIT).
enum ProcFile {
    /// The whole text, read until end of file; `nil` when it cannot be opened.
    static func read(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

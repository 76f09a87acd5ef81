import Foundation

/// Where in the cache folder a remote's mirror lives: a readable slug of the URL plus a stable
/// hash of it, so different URLs never share a folder and the same URL always finds its own.
enum MirrorFolderName {
    /// The folder name for `url` (made absolute first with ``absoluteURL(_:)``).
    static func `for`(_ url: String) -> String {
        let readable = url.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }
        var slug = String(readable).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        if slug.count > 60 { slug = String(slug.suffix(60)) }
        return "\(slug)-\(stableHash(url)).git"
    }

    /// A local path is stored absolute (the mirror must not depend on the current directory);
    /// URLs and scp-like `user@host:path` addresses are kept as given.
    static func absoluteURL(_ url: String) -> String {
        if url.contains("://") { return url }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return url }
        return URL(fileURLWithPath: url).standardizedFileURL.path
    }

    /// FNV-1a (64 bit): stable across runs, unlike Swift's randomly seeded `Hasher`.
    private static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

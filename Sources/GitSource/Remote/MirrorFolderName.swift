import Crypto
import Foundation

/// Where in the cache folder a remote's mirror lives: a hash of the location without its
/// secrets, so no part of a URL — and no credential — ever becomes a file name, different
/// repositories never share a folder, and the same one always finds its own (a rotated token
/// keeps the mirror).
///
///     http://alice:S3cret@git.example.com/config.git → 5f0c…e1a2.git
enum MirrorFolderName {
    static func `for`(_ location: RepositoryLocation) -> String {
        let digest = Insecure.SHA1.hash(data: Data(location.withoutSecrets.utf8))
        return digest.map { String(format: "%02x", $0) }.joined() + ".git"
    }

    /// The folder earlier versions named after a readable slug of the URL (credentials
    /// included) plus an FNV-1a hash: removed when found, since its name and config may hold them.
    static func legacy(_ location: RepositoryLocation) -> String {
        let url = location.isLocalPath ? location.transportURL : location.text
        let readable = url.lowercased().map { $0.isLetter || $0.isNumber || $0 == "." ? $0 : "-" }
        var slug = String(readable).split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        if slug.count > 60 { slug = String(slug.suffix(60)) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\(slug)-\(String(repeating: "0", count: 16 - hex.count) + hex).git"
    }
}

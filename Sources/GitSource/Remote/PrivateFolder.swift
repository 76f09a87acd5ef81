import Foundation

/// Keeps the mirror cache readable by its owner only: folders 0700, files without group or
/// other bits (0600, or 0400 for git's read-only objects). libgit2 creates files under the
/// process umask (0644 config, 0444 objects), so the cache is tightened after each write.
enum PrivateFolder {
    /// Creates `path` (and missing parents) and sets it to 0700, even if it already existed.
    static func create(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        chmod(path, 0o700)
    }

    /// Removes group and other permissions from everything under `root`, `root` included.
    static func restrict(_ root: String) {
        chmod(root, 0o700)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        for case let relative as String in walker {
            let path = root + "/" + relative
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: if info.st_mode & 0o777 != 0o700 { chmod(path, 0o700) }
            case S_IFREG: if info.st_mode & 0o077 != 0 { chmod(path, info.st_mode & 0o700) }
            default: continue
            }
        }
    }
}

internal import CGit2

/// Facts about the linked libgit2, and its one-time global initialisation.
public enum GitLibrary {
    /// libgit2's version, e.g. `1.5.1`.
    public static var version: String {
        initialize()
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    /// Optional features compiled into the linked libgit2 (`https`, `ssh`, `threads`).
    /// `file://`, local paths and `git://` are always available; `http://` always is too.
    public static var transports: [String] {
        initialize()
        let features = UInt32(bitPattern: git_libgit2_features())
        var names: [String] = []
        if features & GIT_FEATURE_HTTPS.rawValue != 0 { names.append("https") }
        if features & GIT_FEATURE_SSH.rawValue != 0 { names.append("ssh") }
        if features & GIT_FEATURE_THREADS.rawValue != 0 { names.append("threads") }
        return names
    }

    /// Whether `ssh://` URLs can be used with the linked libgit2.
    public static var supportsSSH: Bool { transports.contains("ssh") }

    /// Makes HTTPS trust the certificate authorities in `file` (concatenated PEM certificates)
    /// and/or `directory` (one certificate per file), e.g. a company CA for an internal git
    /// server. Process-wide, and with Debian's mbedTLS-based libgit2 it replaces the default set.
    public static func useCertificateAuthorities(file: String?, directory: String? = nil) throws {
        initialize()
        let attempted = "cannot use certificate authorities from \([file, directory].compactMap { $0 }.joined(separator: " and "))"
        guard file != nil || directory != nil else {
            throw GitError(.invalidArgument, attempted: attempted, reason: "name a file or a directory")
        }
        try check(mooring_git_set_ssl_cert_locations(file, directory), attempted)
    }

    /// Calls `git_libgit2_init` exactly once per process; every entry point calls this first.
    static func initialize() {
        _ = initialization
    }

    /// A lazily initialised global: Swift runs this initialiser once, thread-safely.
    ///
    /// Trees up to 1 MiB stay in a repository's object cache (libgit2 keeps trees up to 4 KiB by
    /// default): a configuration's folder of a thousand environments is a 40 KB tree that every
    /// environment's rendering walks through, inflated afresh on each look-up otherwise (a third
    /// of a steady-state pass over a thousand environments went to zlib).
    private static let initialization: Int32 = {
        let result = git_libgit2_init()
        _ = mooring_git_set_cache_object_limit(GIT_OBJECT_TREE, 1 << 20)
        return result
    }()
}

import Foundation

/// A config repository made with the git CLI, as a team's would be: a bare repository (what the
/// server holds) at `served/<name>.git` and a work clone on `main` to commit in and push from.
/// With `serve: true`, a real `git daemon` serves it (push enabled) on 127.0.0.1; otherwise its
/// path or `file://` URL is the remote. Stop a served one with `stop()`.
public final class ConfigRepository: Sendable {
    public let folder: TemporaryFolder
    public let name: String
    public let daemon: GitDaemon?

    /// The folder a server serves (`git daemon --base-path`, `GIT_PROJECT_ROOT`).
    public var served: String { folder.file("served") }
    /// The bare repository's path (a "local path" URL).
    public var barePath: String { served + "/" + name + ".git" }
    public var fileURL: String { "file://" + barePath }
    /// The work clone.
    public var work: String { folder.file("work-\(name)") }
    /// `git://127.0.0.1:<port>/<name>.git` when served, else the bare repository's path.
    public var url: String { daemon?.url(name) ?? barePath }
    /// The daemon's port (0 when not served).
    public var port: Int { daemon?.port ?? 0 }

    /// A repository whose first commit holds a copy of `seed`'s content (a folder of this
    /// project, such as `environments/` under that name) or, without one, a README.
    /// - Parameters:
    ///   - folder: where it lives (a new temporary folder by default).
    ///   - seed: `(folder to copy, name inside the repository)`.
    public static func create(name: String = "config", in folder: TemporaryFolder? = nil, seed: (path: String, as: String)? = nil,
                              serve: Bool = false) async throws -> ConfigRepository {
        let folder = try folder ?? TemporaryFolder("repository")
        let served = try folder.folder("served")
        let work = folder.file("work-\(name)")
        let bare = served + "/" + name + ".git"
        try await Git(in: folder.path).run(["init", "--quiet", "--bare", "--initial-branch=main", bare])
        try await Git(in: folder.path).run(["init", "--quiet", "--initial-branch=main", work])
        try await Git(in: work).run(["remote", "add", "origin", bare])
        if let seed {
            try FileManager.default.copyItem(atPath: seed.path, toPath: work + "/" + seed.as)
        } else {
            try Data("config repository\n".utf8).write(to: URL(fileURLWithPath: work + "/README.md"))
        }
        try await Git(in: work).run(["add", "-A"])
        try await Git(in: work).run(["commit", "--quiet", "-m", seed == nil ? "Initial commit" : "Initial \(seed!.as)"])
        try await Git(in: work).run(["push", "--quiet", "origin", "main"])
        let daemon = serve ? try await GitDaemon.start(basePath: served) : nil
        return ConfigRepository(folder: folder, name: name, daemon: daemon)
    }

    private init(folder: TemporaryFolder, name: String, daemon: GitDaemon?) {
        self.folder = folder
        self.name = name
        self.daemon = daemon
    }

    /// Stops the daemon serving it, if any.
    public func stop() { daemon?.stop() }

    // MARK: - git

    /// git in the work clone.
    @discardableResult
    public func git(_ arguments: [String]) async throws -> String { try await Git(in: work).run(arguments) }

    @discardableResult
    public func git(_ arguments: String...) async throws -> String { try await git(arguments) }

    /// git in the bare (server-side) repository.
    @discardableResult
    public func gitBare(_ arguments: [String]) async throws -> String { try await Git(in: barePath).run(arguments) }

    @discardableResult
    public func gitBare(_ arguments: String...) async throws -> String { try await gitBare(arguments) }

    // MARK: - Files of the work clone

    public func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: work + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOfFile: work + "/" + path, encoding: .utf8)
    }

    public func symlink(_ path: String, to target: String) throws {
        let url = URL(fileURLWithPath: work + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// `git rm -r` of a path.
    public func remove(_ path: String) async throws {
        try await git(["rm", "-r", "--quiet", path])
    }

    // MARK: - Commits

    /// Commits everything in the work clone; the new commit's id.
    @discardableResult
    public func commit(_ message: String) async throws -> String {
        try await git(["add", "-A"])
        try await git(["commit", "--quiet", "-m", message])
        return try await git(["rev-parse", "HEAD"])
    }

    /// Pushes `main` (and tags) to the bare repository.
    public func push() async throws {
        try await git(["push", "--quiet", "--follow-tags", "origin", "main"])
    }

    @discardableResult
    public func commitAndPush(_ message: String) async throws -> String {
        let id = try await commit(message)
        try await push()
        return id
    }

    /// Writes (or, with `nil`, deletes) files of the work clone, commits and pushes.
    @discardableResult
    public func commit(_ message: String, files: [String: String?]) async throws -> String {
        for (path, content) in files {
            if let content { try write(path, content) } else { try FileManager.default.removeItem(atPath: work + "/" + path) }
        }
        return try await commitAndPush(message)
    }

    /// `git revert` of a commit, pushed.
    @discardableResult
    public func revert(_ commit: String) async throws -> String {
        try await git(["revert", "--no-edit", commit])
        try await push()
        return try await git(["rev-parse", "HEAD"])
    }

    /// Pulls what others (mooring's `revertInGit`, a promotion) pushed.
    public func pull() async throws {
        try await git(["pull", "--quiet", "--ff-only", "origin", "main"])
    }

    /// The full message of the work clone's HEAD.
    public func headMessage() async throws -> String {
        try await git(["log", "-1", "--format=%B"])
    }
}

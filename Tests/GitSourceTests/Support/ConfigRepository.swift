import Foundation

/// A config repository made with the git CLI for a test: a bare repository (what a server
/// holds) at `<base>/<name>.git` and a work clone to make commits in and push from.
struct ConfigRepository: Sendable {
    let folder: TemporaryFolder
    /// The folder `git daemon --base-path` serves.
    let base: String
    let name: String
    let work: String

    /// The bare repository's path (a "local path" URL).
    var barePath: String { base + "/" + name + ".git" }
    var fileURL: String { "file://" + barePath }

    /// Creates the bare repository with branch `main` and one initial commit.
    init(name: String = "config", in folder: TemporaryFolder) throws {
        self.folder = folder
        self.base = folder.appending("served")
        self.name = name
        self.work = folder.appending("work-\(name)")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try git(["init", "--quiet", "--bare", "--initial-branch=main", barePath], in: folder.path)
        try git(["init", "--quiet", "--initial-branch=main", work], in: folder.path)
        try git(["remote", "add", "origin", barePath])
        try write("README.md", "config repository\n")
        try commit("Initial commit")
        try git(["push", "--quiet", "origin", "main"])
    }

    @discardableResult
    func git(_ arguments: [String], in directory: String? = nil) throws -> String {
        try Command.run("/usr/bin/git", arguments, in: directory ?? work, environment: Command.gitEnvironment(home: folder.path))
    }

    /// Runs git in the bare (server-side) repository.
    @discardableResult
    func gitBare(_ arguments: [String]) throws -> String {
        try git(["--git-dir=\(barePath)"] + arguments, in: folder.path)
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: work + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ path: String) throws {
        try git(["rm", "-r", "--quiet", path])
    }

    func symlink(_ path: String, to target: String) throws {
        let url = URL(fileURLWithPath: work + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: target)
    }

    /// Commits everything in the work tree and returns the new commit id.
    @discardableResult
    func commit(_ message: String) throws -> String {
        try git(["add", "-A"])
        try git(["commit", "--quiet", "-m", message])
        return try git(["rev-parse", "HEAD"])
    }

    /// Pushes `main` (and tags) to the bare repository.
    func push() throws {
        try git(["push", "--quiet", "--follow-tags", "origin", "main"])
    }

    /// Commits and pushes in one step.
    @discardableResult
    func commitAndPush(_ message: String) throws -> String {
        let id = try commit(message)
        try push()
        return id
    }
}

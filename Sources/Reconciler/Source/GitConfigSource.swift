import Foundation
import GitSource
import Manifests
import Synchronization

/// The config repository as the loop sees it: a libgit2 mirror in a cache folder, read at a
/// revision without a checkout and rendered by the Manifests renderer, or for a kustomize
/// overlay by the real kustomize (see ``EnvironmentRenderer``), renderings cached by what they read.
public final class GitConfigSource: ConfigSource {
    public let mirror: GitMirror
    let renderer: EnvironmentRenderer
    /// Where a fetch that found the mirror damaged and cloned it again says so (once per rebuild).
    private let rebuildNotices = Mutex<SyncProgress>(.silent)

    /// - Parameters:
    ///   - render: which kustomize to run, and how long it may take.
    ///   - environments: their explicit `render:` choices; other folders are detected.
    public init(mirror: GitMirror, render: RenderSettings = RenderSettings(), environments: [EnvironmentConfiguration] = []) {
        self.mirror = mirror
        self.renderer = EnvironmentRenderer(settings: render, environments: environments)
    }

    /// Opens the mirror of the configuration's repository, rendering as the configuration says.
    public static func open(_ configuration: MooringConfiguration, configDirectory: String, cacheFolder: String) async throws -> GitConfigSource {
        let plain = try await open(configuration.repository, configDirectory: configDirectory, cacheFolder: cacheFolder)
        var render = configuration.render
        render.kustomize = render.kustomize.resolvingBinary(against: configDirectory)
        return GitConfigSource(mirror: plain.mirror, render: render, environments: configuration.environments)
    }

    /// Opens (cloning once) the mirror of the configured repository; failing that, one
    /// `ReconcileError.source` naming the repository.
    ///
    /// - Parameters:
    ///   - configDirectory: the folder of `mooring.yaml`; a relative repository path is resolved
    ///     against it, so the sample's `url: .` means "this repository".
    ///   - cacheFolder: where mirrors live, e.g. `.mooring/cache` beside the configuration.
    public static func open(_ repository: RepositoryConfiguration, configDirectory: String, cacheFolder: String) async throws -> GitConfigSource {
        let remote = GitRemote(location: repository.url.resolved(against: configDirectory),
                               credentials: credentials(repository.auth))
        do {
            return GitConfigSource(mirror: try await GitMirror.open(remote, cacheFolder: cacheFolder))
        } catch {
            throw ReconcileError.source("cannot open the config repository \(repository.url): \(error)")
        }
    }

    /// Says where a mirror rebuilt by a fetch is reported: stderr for the commands, the log for
    /// the service.
    public func reportRebuilds(to notices: SyncProgress) {
        rebuildNotices.withLock { $0 = notices }
    }

    /// - Throws: `ReconcileError.source` (git's message names the remote).
    public func fetch() async throws {
        let started = ContinuousClock.now
        do {
            let fetched = try await mirror.fetch()
            if let rebuilt = fetched.rebuilt { rebuildNotices.withLock { $0 }.say(rebuilt) }
            ReconcileMetrics.recordFetch(duration: ContinuousClock.now - started, failed: false)
        } catch {
            ReconcileMetrics.recordFetch(duration: ContinuousClock.now - started, failed: true)
            throw ReconcileError.source("fetching the config repository failed: \(error)")
        }
    }

    public func resolve(_ ref: String?) async throws -> String {
        try await mirror.repository.resolve(ref).hex
    }

    public func render(revision: String, path: String) async throws -> RenderedEnvironment {
        let commit = try await mirror.repository.resolve(revision)
        return try await renderer.render(path, in: RevisionTree(repository: mirror.repository, revision: commit))
    }

    public func renderWithFieldLines(revision: String, path: String) async throws -> RenderedEnvironment {
        let commit = try await mirror.repository.resolve(revision)
        return try await renderer.render(path, in: RevisionTree(repository: mirror.repository, revision: commit), cached: false)
    }

    /// Renders into the cache in the background; the `render` that follows finds the result,
    /// or waits for the rendering under way.
    public func prepareRendering(ref: String?, path: String) {
        Task {
            guard let revision = try? await resolve(ref) else { return }
            _ = try? await render(revision: revision, path: path)
        }
    }

    /// How `path` renders at `revision`: `plain` or `kustomize`.
    public func renderMode(revision: String, path: String) async throws -> RenderMode {
        let commit = try await mirror.repository.resolve(revision)
        return try await renderer.mode(of: path, in: RevisionTree(repository: mirror.repository, revision: commit))
    }

    /// The facts of a commit; `pathTree` stands for everything the environment's rendering reads
    /// (for an overlay, its bases and patches too), so a change to a shared base counts.
    public func describe(revision: String, path: String) async throws -> RevisionFacts {
        let id = try await mirror.repository.resolve(revision)
        let commit = try await mirror.repository.commit(id)
        let inputs = try await renderer.inputsKey(of: path, in: RevisionTree(repository: mirror.repository, revision: id))
        return RevisionFacts(commit, pathTree: inputs)
    }

    static func credentials(_ auth: RepositoryAuth) -> GitCredentials {
        if let token = auth.tokenEnv { return .token(variable: token) }
        if let user = auth.usernameEnv, let password = auth.passwordEnv {
            return .basic(usernameVariable: user, passwordVariable: password)
        }
        if let key = auth.sshKeyEnv { return .ssh(privateKeyVariable: key) }
        return .none
    }

    static func sourceFile(_ file: TreeFile) -> SourceFile {
        switch file.content {
        case .blob(let data): return SourceFile(path: file.path, content: .file(Array(data)))
        case .symlink(let target): return SourceFile(path: file.path, content: .symlink(target: target))
        }
    }
}

extension RevisionFacts {
    /// A commit read from the mirror (`describe`, or the commit a promotion made).
    public init(_ commit: Commit, pathTree: String?) {
        self.init(revision: commit.id.hex, message: commit.message, pathTree: pathTree, author: commit.author.name,
                  time: commit.time)
    }
}

/// Chooses which files of a tree make up an environment and reads them safely.
///
/// The rules: every `*.yaml`, `*.yml` and `*.json` below the environment's folder, recursively;
/// hidden files and folders skipped; bytewise path order, so the result never depends on the
/// filesystem or the git tree's listing. A `..` component is refused; a symlink must resolve
/// inside the environment's folder (otherwise a commit could read any file of the machine or
/// repository), and a symlink to a manifest inside it is read at the symlink's name. Symlinks to
/// folders inside the environment are not followed: their files are already read where they live.
struct EnvironmentFiles {
    /// A manifest to parse: the name to report and the bytes to read.
    struct Manifest {
        var path: String
        var bytes: [UInt8]
        var isJSON: Bool
    }

    static let manifestExtensions = [".yaml", ".yml", ".json"]
    static let maximumSymlinkHops = 40

    let environment: String
    private let entries: [String: SourceFile.Content]

    init(files: [SourceFile], environment: String) {
        self.environment = environment
        var entries: [String: SourceFile.Content] = [:]
        for file in files { entries[RepositoryPath.normalized(file.path)] = file.content }
        self.entries = entries
    }

    func manifests() throws -> [Manifest] {
        var selected: [Manifest] = []
        let candidates = entries.keys
            .filter { RepositoryPath.isInside($0, folder: environment) && $0 != environment }
            .sorted(by: RepositoryPath.precedes)
        for path in candidates {
            let relative = environment.isEmpty ? path : String(path.dropFirst(environment.count + 1))
            let parts = relative.split(separator: "/")  // normalised: no empty or `.` parts
            if parts.contains("..") { throw RenderError.parentComponent(file: path) }
            if parts.contains(where: { $0.hasPrefix(".") }) { continue }
            let isManifest = Self.manifestExtensions.contains { path.hasSuffix($0) }
            switch entries[path]! {
            case .file(let bytes):
                if isManifest { selected.append(Manifest(path: path, bytes: bytes, isJSON: path.hasSuffix(".json"))) }
            case .symlink:
                let bytes = try follow(path)
                if isManifest, let bytes { selected.append(Manifest(path: path, bytes: bytes, isJSON: path.hasSuffix(".json"))) }
            }
        }
        return selected
    }

    /// The bytes a symlink leads to, `nil` for a folder inside the environment.
    private func follow(_ link: String) throws -> [UInt8]? {
        var current = link
        for _ in 0..<Self.maximumSymlinkHops {
            guard case .symlink(let target) = entries[current] else { break }
            guard let resolved = RepositoryPath.resolve(target: target, from: RepositoryPath.parent(of: current)),
                  RepositoryPath.isInside(resolved, folder: environment)
            else { throw RenderError.symlinkEscapes(file: link, target: target, environment: environment.isEmpty ? "." : environment) }
            if resolved == environment { return nil }  // a link to the environment's own folder
            switch entries[resolved] {
            case .file(let bytes): return bytes
            case .symlink: current = resolved
            case nil:
                if entries.keys.contains(where: { $0.hasPrefix(resolved + "/") }) { return nil }
                throw RenderError.symlinkTargetMissing(file: link, target: target)
            }
        }
        throw RenderError.symlinkLoop(file: link)
    }
}

import Foundation

/// Lists a folder of the local filesystem as `SourceFile`s, for rendering a working copy the
/// same way as a git tree: symlinks are reported as symlinks, never followed here.
public struct DirectorySource: Sendable {
    /// The folder that repository-relative paths are relative to (the repository's root).
    public var root: String

    public init(root: String) {
        self.root = root
    }

    /// Every file and symlink below `subpath` (e.g. `environments/develop`), hidden entries
    /// (a name starting with `.`) skipped, paths relative to `root`.
    public func files(under subpath: String = "") throws -> [SourceFile] {
        let start = RepositoryPath.normalized(subpath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute(start), isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.environmentNotFound(path: start.isEmpty ? root : start)
        }
        var files: [SourceFile] = []
        try collect(start, into: &files)
        return files
    }

    private func absolute(_ relative: String) -> String {
        relative.isEmpty ? root : root + "/" + relative
    }

    private func collect(_ folder: String, into files: inout [SourceFile]) throws {
        let manager = FileManager.default
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: absolute(folder)) } catch {
            throw RenderError.unreadable(path: folder, reason: "cannot list folder (\(error.localizedDescription))")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let relative = folder.isEmpty ? name : folder + "/" + name
            let path = absolute(relative)
            let type = (try? manager.attributesOfItem(atPath: path)[.type]) as? FileAttributeType
            switch type {
            case .typeSymbolicLink?:
                do { files.append(.symlink(relative, target: try manager.destinationOfSymbolicLink(atPath: path))) } catch {
                    throw RenderError.unreadable(path: relative, reason: "cannot read symlink (\(error.localizedDescription))")
                }
            case .typeDirectory?:
                try collect(relative, into: &files)
            case .typeRegular?:
                guard let data = manager.contents(atPath: path) else {
                    throw RenderError.unreadable(path: relative, reason: "cannot read file")
                }
                files.append(SourceFile(path: relative, content: .file([UInt8](data))))
            default:
                continue  // sockets, fifos and devices are not configuration
            }
        }
    }
}

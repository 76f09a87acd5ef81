import Foundation
internal import Manifests

/// A set of files (relative path → bytes) arranged as nested folders, ready to be written as git
/// trees. Used to replace an environment's folder in one commit (`mooring promote`).
indirect enum FolderContents {
    case file(Data)
    case folder([String: FolderContents])

    /// Arranges `files`; a name used both as a file and as a folder is an error.
    static func arrange(_ files: [String: Data]) throws -> [String: FolderContents] {
        var root: [String: FolderContents] = [:]
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let components = try RepositoryPath(inTree: path).components
            guard !components.isEmpty else {
                throw GitError(.invalidArgument, attempted: "cannot write file '\(path)'", reason: "the path is empty")
            }
            try insert(data, at: components[...], into: &root, fullPath: path)
        }
        return root
    }

    private static func insert(_ data: Data, at components: ArraySlice<String>, into folder: inout [String: FolderContents], fullPath: String) throws {
        let name = components.first!
        if components.count == 1 {
            guard folder[name] == nil else { throw clash(fullPath) }
            folder[name] = .file(data)
            return
        }
        var children: [String: FolderContents]
        switch folder[name] {
        case nil: children = [:]
        case .folder(let existing): children = existing
        case .file: throw clash(fullPath)
        }
        try insert(data, at: components.dropFirst(), into: &children, fullPath: fullPath)
        folder[name] = .folder(children)
    }

    private static func clash(_ path: String) -> GitError {
        GitError(.invalidArgument, attempted: "cannot write file '\(path)'", reason: "a file and a folder would have the same name")
    }
}

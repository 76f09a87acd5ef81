import Foundation
import Manifests

extension Kubeconfig {
    /// The kubeconfig kubectl would use: the files of `KUBECONFIG` (`:`-separated, missing ones
    /// skipped) merged, else `~/.kube/config`.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeconfigError) -> Kubeconfig {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            let paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            var config = try load(files: existing)
            config.files = paths
            return config
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = home + "/.kube/config"
        guard FileManager.default.fileExists(atPath: path) else {
            var config = Kubeconfig()
            config.files = [path]
            return config
        }
        return try load(files: [path])
    }

    /// Merges the given files by kubectl's rules: the first file to define a cluster, user or
    /// context name wins it whole, and the first file that sets `current-context` wins it.
    /// A file named here that cannot be read is an error.
    public static func load(files: [String]) throws(KubeconfigError) -> Kubeconfig {
        var merged = Kubeconfig()
        for path in files {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw .fileUnreadable(path: path, reason: Self.reason(error))
            }
            merged = merged.merging(lower: try parse(text, path: path))
        }
        merged.files = files
        return merged
    }

    /// One file's content; relative paths in it are resolved against `path`'s folder.
    public static func parse(_ text: String, path: String) throws(KubeconfigError) -> Kubeconfig {
        let json = try KubeconfigDocument.parse(text, path: path)
        let directory = (absolute(path) as NSString).deletingLastPathComponent
        var reader = KubeconfigReader(path: path, directory: directory)
        var config = try reader.read(json)
        config.files = [path]
        return config
    }

    /// This config with `lower`'s entries added where this one does not define them.
    public func merging(lower: Kubeconfig) -> Kubeconfig {
        var result = self
        result.clusters.merge(lower.clusters) { mine, _ in mine }
        result.users.merge(lower.users) { mine, _ in mine }
        result.contexts.merge(lower.contexts) { mine, _ in mine }
        if result.currentContext?.isEmpty ?? true { result.currentContext = lower.currentContext }
        result.files = files + lower.files
        return result
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The system's words for why a file could not be read (`No such file or directory`).
    static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        switch nsError.code {
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return String(cString: strerror(ENOENT))
        case NSFileReadNoPermissionError: return String(cString: strerror(EACCES))
        default: return nsError.localizedDescription
        }
    }
}

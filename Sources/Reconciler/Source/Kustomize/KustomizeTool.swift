import ChildProcess
import Foundation

/// The kustomize Mooring runs: `render.kustomize.binary` when configured, else `kustomize` on
/// PATH, else `kubectl kustomize` (kubectl embeds kustomize). A binary whose name starts with
/// `kubectl` is run as `<binary> kustomize`, any other as `<binary> build`.
///
/// ```
/// $ mooring version
/// kustomize: kubectl kustomize (/usr/bin/kubectl) v5.5.0
/// ```
public struct KustomizeTool: Sendable, Equatable, CustomStringConvertible {
    /// The executable's path.
    public var executable: String
    /// Whether it is kubectl (`kubectl kustomize DIR`) rather than kustomize (`kustomize build DIR`).
    public var isKubectl: Bool

    public init(executable: String, isKubectl: Bool) {
        self.executable = executable
        self.isKubectl = isKubectl
    }

    /// `kubectl kustomize (/usr/bin/kubectl)` or `kustomize (/usr/local/bin/kustomize)`.
    public var description: String { "\(isKubectl ? "kubectl kustomize" : "kustomize") (\(executable))" }

    /// Finds the binary to run. `searchPath` is a `PATH`-style list (the process's own by default).
    public static func locate(_ settings: KustomizeSettings,
                              searchPath: String = ProcessInfo.processInfo.environment["PATH"] ?? "") throws -> KustomizeTool {
        if let binary = settings.binary {
            guard let found = find(binary, in: searchPath) else {
                throw KustomizeError.binaryNotFound("render.kustomize.binary \(binary) was not found\(binary.contains("/") ? "" : " on PATH") or is not executable")
            }
            return KustomizeTool(executable: found, isKubectl: (binary as NSString).lastPathComponent.hasPrefix("kubectl"))
        }
        if let found = find("kustomize", in: searchPath) { return KustomizeTool(executable: found, isKubectl: false) }
        if let found = find("kubectl", in: searchPath) { return KustomizeTool(executable: found, isKubectl: true) }
        throw KustomizeError.binaryNotFound(
            "no kustomize to render with: neither kustomize nor kubectl is on PATH (install one, or set render.kustomize.binary in mooring.yaml)")
    }

    /// A path as given, or a name looked up in the `PATH`-style list; only executable files count.
    static func find(_ name: String, in searchPath: String) -> String? {
        let manager = FileManager.default
        func usable(_ path: String) -> Bool {
            var isFolder: ObjCBool = false
            return manager.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue && manager.isExecutableFile(atPath: path)
        }
        if name.contains("/") { return usable(name) ? name : nil }
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = folder + "/" + name
            if usable(candidate) { return candidate }
        }
        return nil
    }

    /// The arguments of one build of `folder`. Loads may leave the kustomization's own folder
    /// (`LoadRestrictionsNone`, as Flux builds), because what it loads was checked to lie inside
    /// the repository before the build (see ``KustomizeInputs``).
    func buildArguments(_ folder: String) -> [String] {
        (isKubectl ? ["kustomize", folder] : ["build", folder]) + ["--load-restrictor", "LoadRestrictionsNone"]
    }

    /// kustomize's version, e.g. `v5.5.0`: `kustomize version`, or the `kustomizeVersion` that
    /// `kubectl version --client -o json` reports.
    public func version(timeout: Duration = .seconds(30)) async throws -> String {
        var request = ChildProcess(executable, isKubectl ? ["version", "--client", "-o", "json"] : ["version"])
        request.timeout = timeout
        request.outputLimit = 1 << 20
        let result = try await request.run()
        guard result.succeeded else {
            throw KustomizeError.binaryNotFound("\(self) version failed (\(result.status)): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return Self.parseVersion(result.stdout, fromKubectl: isKubectl) ?? "unknown version"
    }

    /// `v5.5.0` from kubectl's JSON, from kustomize 5's `v5.4.3`, or from kustomize 4's
    /// `{Version:kustomize/v4.5.7 GitCommit:…}`.
    static func parseVersion(_ output: String, fromKubectl: Bool) -> String? {
        if fromKubectl {
            guard let range = output.range(of: "\"kustomizeVersion\"") else { return nil }
            let rest = output[range.upperBound...].drop { $0 == ":" || $0 == " " || $0 == "\"" }
            let version = rest.prefix { $0 != "\"" }
            return version.isEmpty ? nil : String(version)
        }
        let words = output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "/" || $0 == "{" || $0 == "}" || $0 == ":" })
        return words.first { $0.hasPrefix("v") && $0.dropFirst().first?.isNumber == true }.map(String.init)
    }
}

import Foundation
import Manifests
import Reconciler

/// Small environment folders for the safety scenarios, written as a team would write them.
enum SafetyFixture {
    /// A folder holding `environments/`-relative files (`develop/shop.yaml` → contents).
    static func environments(_ files: [String: String]) throws -> String {
        let folder = TemporaryFolder.make("envs")
        for (path, contents) in files {
            let full = folder + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try contents.write(toFile: full, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static func namespace(_ name: String, annotations: String = "") -> String {
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \(name)\n" + (annotations.isEmpty ? "" : "  annotations:\n\(annotations)")
    }

    static func configMap(_ name: String, namespace: String, data: [String: String], annotations: String = "") -> String {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n  namespace: \(namespace)\n"
        if !annotations.isEmpty { text += "  annotations:\n\(annotations)" }
        text += "data:\n" + data.sorted { $0.key < $1.key }.map { "  \($0.key): \"\($0.value)\"\n" }.joined()
        return text
    }

    /// Settings of a small environment: prune on, a short health timeout.
    static func environment(_ name: String, ref: String = "main", adopt: Bool = false, installation: String = "default",
                            healthTimeout: Duration = .seconds(20)) -> EnvironmentConfiguration {
        EnvironmentConfiguration(name: name, ref: ref, path: "environments/\(name)", namespace: "default", prune: true,
                                 healthTimeout: healthTimeout, adopt: adopt, installation: installation)
    }
}

extension Harness {
    /// A live ConfigMap's data, `nil` when it does not exist.
    func data(of name: String, namespace: String) async throws -> JSONObject? {
        try await live("ConfigMap", "v1", namespace: namespace, name: name)?["data"]?.objectValue
    }
}

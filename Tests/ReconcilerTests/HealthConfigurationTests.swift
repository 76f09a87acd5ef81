import Foundation
import Manifests
import Testing
@testable import Reconciler

/// `health.scripts` in a real `mooring.yaml` beside real script files: read, compiled, applied in
/// every environment; every mistake a problem naming its line.
@Suite struct HealthConfigurationTests {
    /// A folder with `mooring.yaml` (`text`) and `files`; returns the configuration's path.
    func folder(_ text: String, files: [String: String] = [:]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-health-\(UUID().uuidString)")
        for (name, contents) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("mooring.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove(_ path: String) { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }

    static let head = """
        repository:
          url: git://127.0.0.1/config.git
        environments:
          develop: {}
          master: {prune: true}

        """

    @Test func scriptsFromFilesAndInlineApplyInEveryEnvironment() throws {
        let path = try folder(Self.head + """
            health:
              scripts:
                cert-manager.io/Certificate: checks/certificate.lua
                "*.crossplane.io/*":
                  file: checks/crossplane.lua
                ConfigMap:
                  lua: |
                    return { status = "Suspended", message = "config " .. obj.metadata.name }
            """, files: ["checks/certificate.lua": ArgoStyleScripts.certificate, "checks/crossplane.lua": ArgoStyleScripts.managedResource])
        defer { remove(path) }
        let configuration = try MooringConfiguration(contentsOf: path)
        #expect(configuration.health.scripts.map(\.pattern.description) == ["cert-manager.io/Certificate", "*.crossplane.io/*", "ConfigMap"])
        #expect(configuration.health.scripts.map(\.script.name) == ["checks/certificate.lua", "checks/crossplane.lua", "health.scripts[ConfigMap]"])
        for environment in configuration.environments { #expect(environment.healthChecks == configuration.health) }

        let configMap: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "web"]]
        #expect(HealthAssessor.assess(configMap, checks: configuration.environments[0].healthChecks) == HealthAssessment(.suspended, "config settings"))
        let certificate = HealthFixture.object(CustomResourceFixtures.certificateConfigError)
        #expect(HealthAssessor.assess(certificate, checks: configuration.health) == HealthAssessment(.degraded, #"issuer "letsencrypt" not found"#))
    }

    @Test func withoutHealthOnlyTheBuiltInRulesApply() throws {
        let configuration = try MooringConfiguration(yaml: Self.head)
        #expect(configuration.health == .builtIn)
        #expect(configuration.environments.allSatisfy { $0.healthChecks.scripts.isEmpty })
    }

    @Test func everyMistakeIsAProblemWithItsLine() throws {
        let path = try folder(Self.head + """
            health:
              scripst: {}
              scripts:
                cert-manager.io/Certificate: checks/missing.lua
                apps/Deployment: checks/broken.lua
                a/b/c: checks/certificate.lua
                bitnami.com_SealedSecret: checks/certificate.lua
                batch/Job:
                  fiel: checks/certificate.lua
                batch/CronJob:
                  file: checks/certificate.lua
                  lua: return {}
                policy/PodDisruptionBudget: 42
                Pod:
                  lua: |
                    hs = {}
                    hs status = "Healthy"
            """, files: ["checks/broken.lua": "hs = {}\nif obj.status then\nreturn hs\n", "checks/certificate.lua": "return {}"])
        defer { remove(path) }
        let error = try #require(throws: ConfigurationError.self) { try MooringConfiguration(contentsOf: path) }
        #expect(error.problems.map(\.description) == [
            #"\#(path):7: unknown key "scripst" in health (did you mean "scripts"?)"#,
            "\(path):9: cannot read health script checks/missing.lua for cert-manager.io/Certificate: no such file",
            "\(path):10: health script for apps/Deployment does not compile: checks/broken.lua:4: 'end' expected (to close 'if' at line 2) near <eof>",
            "\(path):11: health.scripts key \"a/b/c\" is not group/Kind (the kind alone for the core group; * allowed in either part)",
            "\(path):12: health.scripts key \"bitnami.com_SealedSecret\" is not group/Kind (the kind alone for the core group; * allowed in either part): argocd-cm's bitnami.com_SealedSecret is bitnami.com/SealedSecret here",
            #"\#(path):14: unknown key "fiel" in health script batch/Job (did you mean "file"?)"#,
            "\(path):13: health script for batch/Job needs file (a path) or lua (the source)",
            "\(path):15: health script for batch/CronJob has both file and lua: keep one",
            "\(path):18: health script for policy/PodDisruptionBudget must be a file path or a map with file or lua, not integer",
            "\(path):19: health script for Pod does not compile: health.scripts[Pod]:2: syntax error near 'status'",
        ])
    }
}

import Foundation
import Manifests
import Testing
@testable import Reconciler

/// `mooring.yaml` read from real files through the YAML loader: lines come from the YAML itself.
@Suite struct ConfigurationFileTests {
    func write(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("mooring.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func unknownKeysAndBadDurationsNameTheirLines() throws {
        let path = try write("""
        # Mooring configuration
        repository:
          url: git://127.0.0.1/config.git
          interval: 30s
        environments:
          develop:
            ref: develop
            prunee: true
            healthTimeout: 5x
          master:
            prune: true
        """)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let error = #expect(throws: ConfigurationError.self) { try MooringConfiguration(contentsOf: path) }
        // The file is named as the user gave it, so the message leads straight to it.
        #expect(error?.description == """
        \(path):8: unknown key "prunee" in environment "develop" (did you mean "prune"?)
        \(path):9: bad duration "5x" for healthTimeout in environment "develop": expected a duration such as 30s, 5m or 1h30m
        """)
    }

    @Test func theSampleShapeReads() throws {
        let configuration = try MooringConfiguration(yaml: """
        repository:
          url: .
          interval: 1m
        environments:
          develop:
            ref: develop
            prune: true
            selfHeal: true
            healthTimeout: 2m
            rollbackOnFailure: true
            ignoreDifferences:
              - group: apps
                kind: Deployment
                jsonPointers: [/spec/replicas]
          master:
            ref: master
            cluster: local
            namespace: shop
        """)
        #expect(configuration.repository.url.redacted == ".")
        #expect(configuration.repository.interval == .seconds(60))
        #expect(configuration.environments.map(\.name) == ["develop", "master"])
        #expect(configuration.environment(named: "develop")?.ignoreDifferences.first?.jsonPointers == ["/spec/replicas"])
        #expect(configuration.environment(named: "master")?.namespace == "shop")
    }

    @Test func yamlSyntaxErrorsAndMissingFilesAreConfigurationErrors() {
        let syntax = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: "repository:\n  url: [unclosed\nenvironments: {}\n")
        }
        #expect(syntax?.problems.first?.file == "mooring.yaml")
        #expect(syntax?.problems.first?.line != nil)

        let twoDocuments = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: "repository: {url: .}\nenvironments: {develop: {}}\n---\nrepository: {url: x}\n")
        }
        #expect(twoDocuments?.description == "mooring.yaml:3: expected one YAML document, found 2")

        let missing = #expect(throws: ConfigurationError.self) { try MooringConfiguration(contentsOf: "/nonexistent/mooring.yaml") }
        #expect(missing?.description == "/nonexistent/mooring.yaml: cannot read the file")

        let empty = #expect(throws: ConfigurationError.self) { try MooringConfiguration(yaml: "# nothing yet\n") }
        #expect(empty?.description == "mooring.yaml: the file is empty: it needs repository and environments")
    }
}

import Testing
@testable import Reconciler

/// The `render` keys of `mooring.yaml`: an environment's `render: plain|kustomize` and the
/// top-level `render.kustomize` settings, read through the YAML loader so lines are real.
@Suite struct RenderConfigurationTests {
    @Test func renderModesAndKustomizeSettingsAreRead() throws {
        let configuration = try MooringConfiguration(yaml: """
        repository: {url: .}
        render:
          kustomize:
            binary: /opt/kustomize/kustomize
            timeout: 45s
        environments:
          develop: {render: kustomize}
          master: {render: plain}
          staging: {}
        """)
        #expect(configuration.environment(named: "develop")?.render == .kustomize)
        #expect(configuration.environment(named: "master")?.render == .plain)
        #expect(configuration.environment(named: "staging")?.render == nil)
        #expect(configuration.render.kustomize.binary == "/opt/kustomize/kustomize")
        #expect(configuration.render.kustomize.timeout == .seconds(45))
    }

    @Test func withoutRenderKeysDetectionAndTheDefaultBinaryApply() throws {
        let configuration = try MooringConfiguration(yaml: "repository: {url: .}\nenvironments: {develop: {}}\n")
        #expect(configuration.render == RenderSettings())
        #expect(configuration.render.kustomize.binary == nil)
        #expect(configuration.render.kustomize.timeout == KustomizeSettings.defaultTimeout)
    }

    @Test func badRenderValuesAreReportedTogetherWithTheirLines() {
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: """
            repository: {url: .}
            render:
              kustomise: {}
              kustomize:
                binary: ""
                timout: 1m
            environments:
              develop:
                render: helm
            """)
        }
        #expect(error?.problems.map(\.description) == [
            "mooring.yaml:3: unknown key \"kustomise\" in render (did you mean \"kustomize\"?)",
            "mooring.yaml:6: unknown key \"timout\" in render.kustomize (did you mean \"timeout\"?)",
            "mooring.yaml:5: render.kustomize.binary is empty: leave it out to use kustomize on PATH, else kubectl kustomize",
            "mooring.yaml:9: unknown render \"helm\" in environment \"develop\": use plain or kustomize (leave it out to detect a kustomization)",
        ])
    }
}

extension RenderConfigurationTests {
    @Test func aRelativeBinaryIsRelativeToTheConfigurationsFolderAndANameStaysAName() {
        #expect(KustomizeSettings(binary: "./bin/kustomize").resolvingBinary(against: "/srv/config").binary == "/srv/config/./bin/kustomize")
        #expect(KustomizeSettings(binary: "kustomize-5.4").resolvingBinary(against: "/srv/config").binary == "kustomize-5.4")
        #expect(KustomizeSettings(binary: "/opt/kustomize").resolvingBinary(against: "/srv/config").binary == "/opt/kustomize")
        #expect(KustomizeSettings().resolvingBinary(against: "/srv/config").binary == nil)
    }
}

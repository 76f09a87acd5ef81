import Manifests
import Testing
@testable import Reconciler

/// `installation`, `adopt` and `adoptFrom` in `mooring.yaml`, read from YAML with their lines.
@Suite struct ConfigurationSafetyTests {
    @Test func installationAdoptAndAdoptFromAreRead() throws {
        let configuration = try MooringConfiguration(yaml: """
            installation: team-payments
            repository:
              url: http://alice:S3cret@git.example.com/config.git
            environments:
              develop:
                adopt: true
                adoptFrom: [argocd-controller, flux-client-side-apply]
              master: {}
            """)
        #expect(configuration.installation == "team-payments")
        let develop = try #require(configuration.environment(named: "develop"))
        #expect(develop.adopt && develop.adoptFrom == ["argocd-controller", "flux-client-side-apply"])
        #expect(develop.owner == Owner(installation: "team-payments", environment: "develop"))
        #expect(configuration.environment(named: "master")?.adopt == false)
        #expect(configuration.environment(named: "master")?.installation == "team-payments")
        #expect("\(configuration.repository.url)" == "http://***@git.example.com/config.git")
        #expect(EnvironmentLock.leaseName(develop) == "mooring-env-team-payments-develop")
    }

    @Test func theDefaultInstallationKeepsTheLeaseNameShort() throws {
        let configuration = try MooringConfiguration(yaml: "repository:\n  url: .\nenvironments:\n  develop: {}\n")
        #expect(configuration.installation == "default")
        #expect(EnvironmentLock.leaseName(try #require(configuration.environment(named: "develop"))) == "mooring-env-develop")
    }

    @Test func mistakesAreNamedWithTheirLines() {
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(yaml: """
                installation: Team_A
                repository:
                  url: .
                environments:
                  develop:
                    adpot: true
                    adoptFrom: kubectl
                """)
        }
        #expect(error?.description == """
            mooring.yaml:6: unknown key "adpot" in environment "develop" (did you mean "adopt"?)
            mooring.yaml:7: adoptFrom in environment "develop" must be a list of field manager names, not string
            mooring.yaml:1: installation "Team_A" must be lowercase letters, digits and '-' (at most 63)
            """)
    }
}

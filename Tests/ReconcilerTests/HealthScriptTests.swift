import LuaSandbox
import Manifests
import Testing
@testable import Reconciler

/// Users' Lua checks through `HealthAssessor`: which script a kind gets, Argo CD-style scripts
/// giving their verdicts, and every way a script can fail ending as Unknown.
@Suite struct HealthScriptTests {
    func checks(_ scripts: [(String, String)], limits: LuaLimits = LuaLimits()) throws -> HealthChecks {
        HealthChecks(scripts: try scripts.map { pattern, source in
            try HealthScript(pattern: #require(GroupKindPattern(pattern)), source: source, name: "\(pattern).lua")
        }, limits: limits)
    }

    @Test func patternsMatchAsArgoCDKeysDo() throws {
        let pattern = try #require(GroupKindPattern("*.crossplane.io/*"))
        #expect(pattern.matches(GroupKind(group: "rds.aws.crossplane.io", kind: "DBInstance")))
        #expect(!pattern.matches(GroupKind(group: "crossplane.io.evil.example", kind: "X")))
        #expect(try #require(GroupKindPattern("Pod")).matches(GroupKind(group: "", kind: "Pod")))
        #expect(!(try #require(GroupKindPattern("Pod")).matches(GroupKind(group: "example.com", kind: "Pod"))))
        #expect(try #require(GroupKindPattern("cert-manager.io/Cert*")).matches(GroupKind(group: "cert-manager.io", kind: "CertificateRequest")))
        #expect(GroupKindPattern("a/b/c") == nil)
        #expect(GroupKindPattern("apps/") == nil)
        #expect(GroupKindPattern("apps/Deploy ment") == nil)
        #expect(GroupKindPattern("cert-manager.io_Certificate") == nil)  // argocd-cm's key spelling
        #expect(GroupKindPattern("/Pod")?.matches(GroupKind(group: "", kind: "Pod")) == true)
    }

    @Test func theExactKeyWinsThenTheMostSpecificWildcardThenTheFirst() throws {
        let checks = try checks([("*/*", "return {status='Suspended'}"), ("cert-manager.io/*", "return {status='Progressing'}"),
                                 ("cert-manager.io/Certificate", "return {status='Healthy'}"), ("*/*", "return {status='Degraded'}")])
        #expect(checks.script(for: GroupKind(group: "cert-manager.io", kind: "Certificate"))?.pattern.description == "cert-manager.io/Certificate")
        #expect(checks.script(for: GroupKind(group: "cert-manager.io", kind: "Issuer"))?.pattern.description == "cert-manager.io/*")
        #expect(checks.script(for: GroupKind(group: "apps", kind: "Deployment"))?.script.source == "return {status='Suspended'}")
    }

    @Test func argoStyleScriptsForOperatorsResources() throws {
        let checks = try checks([("cert-manager.io/Certificate", ArgoStyleScripts.certificate),
                                 ("bitnami.com/SealedSecret", ArgoStyleScripts.sealedSecret),
                                 ("*.crossplane.io/*", ArgoStyleScripts.managedResource)])
        func assess(_ yaml: String) -> HealthAssessment { HealthAssessor.assess(HealthFixture.object(yaml), checks: checks) }
        #expect(assess(CustomResourceFixtures.certificateReady) == HealthAssessment(.healthy, "Certificate is up to date and has not expired"))
        #expect(assess(CustomResourceFixtures.certificateConfigError) == HealthAssessment(.degraded, #"issuer "letsencrypt" not found"#))
        // The script, not the built-in rule, decides: Ready=False while issuing is Degraded here.
        #expect(assess(CustomResourceFixtures.certificateIssuing).status == .degraded)
        #expect(assess(ArgoStyleScripts.sealedSecretObject) == HealthAssessment(.degraded, "no key could decrypt secret (password)"))
        #expect(assess(ArgoStyleScripts.crossplaneDatabase) == HealthAssessment(.healthy, "Resource is available"))
        // upbound.io is not *.crossplane.io: the generic rule decides, as without scripts.
        let bucket = HealthFixture.object(CustomResourceFixtures.crossplaneBucketSyncFailing)
        #expect(HealthAssessor.assess(bucket, checks: checks) == HealthAssessor.assess(bucket))
    }

    @Test func aScriptReplacesTheBuiltInRuleOfItsKind() throws {
        let checks = try checks([("apps/Deployment", "return { status = 'Suspended', message = 'frozen by ' .. obj.metadata.name }")])
        let deployment = Fixtures.json(Fixtures.liveDeployment)
        #expect(HealthAssessor.assess(deployment, checks: checks) == HealthAssessment(.suspended, "frozen by django"))
        var deleting = deployment
        deleting[path: ["metadata", "deletionTimestamp"]] = "2025-03-02T10:20:00Z"
        #expect(HealthAssessor.assess(deleting, checks: checks).status == .progressing)  // deletion is looked at first
    }

    @Test(arguments: [
        ("return { status = obj.status.nope.deeper }", "apps/Deployment.lua:1: attempt to index a nil value (field 'nope')"),
        ("os.execute('id')", "apps/Deployment.lua:1: attempt to index a nil value (global 'os')"),
        ("return 'Healthy'", "apps/Deployment.lua: expected a table with status and message, not a string"),
        ("return nil", "apps/Deployment.lua: expected a table with status and message, not nil"),
        ("return { status = 'Fine' }",
         #"apps/Deployment.lua: returned "Fine"; status must be one of Healthy, Suspended, Progressing, Missing, Degraded, Unknown"#),
        ("return { message = 'no status' }",
         "apps/Deployment.lua: returned no status; status must be one of Healthy, Suspended, Progressing, Missing, Degraded, Unknown"),
    ])
    func aFailingScriptMakesTheObjectUnknownWithTheReason(source: String, message: String) throws {
        let checks = try checks([("apps/Deployment", source)])
        #expect(HealthAssessor.assess(Fixtures.json(Fixtures.liveDeployment), checks: checks) == HealthAssessment(.unknown, message))
    }

    @Test func aLoopingScriptIsCutOffAndTheObjectIsUnknown() throws {
        let checks = try checks([("apps/Deployment", "local hs = {}\nwhile true do hs.n = 1 end")], limits: LuaLimits(instructions: 100_000))
        let health = HealthAssessor.assess(Fixtures.json(Fixtures.liveDeployment), checks: checks)
        #expect(health.status == .unknown)
        #expect(health.message.hasSuffix("instruction budget exceeded"))
        #expect(health.message.hasPrefix("apps/Deployment.lua:2:"))
    }

    @Test func anEnvironmentUsesTheChecks() throws {
        let checks = try checks([("apps/Deployment", "return { status = 'Degraded', message = 'vetoed' }")])
        let deployment = Fixtures.json(Fixtures.liveDeployment)
        let identity = try #require(ObjectIdentity(of: deployment))
        let health = EnvironmentHealth(identities: [identity], live: [identity: deployment], checks: checks)
        #expect(health.status == .degraded)
        #expect(health.description == "Degraded: \(identity): vetoed")
        #expect(EnvironmentHealth(identities: [identity], live: [identity: deployment]).status == .healthy)
    }
}

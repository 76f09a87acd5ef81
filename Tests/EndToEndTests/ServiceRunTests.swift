import ChildProcess
import Foundation
import Manifests
import Reconciler
import TestSupport
import Testing

/// `mooring run --listen` as a team runs it in its cluster: the binary against `git daemon` and
/// the local cluster, probed, scraped and sent webhooks over loopback HTTP.
@Suite(.serialized) struct ServiceRunTests {
    static let develop = """
        ref: main
        path: environments/develop
        prune: true
        healthTimeout: 60s
        """

    /// The families issue 13 lists, as sample names in the exposition.
    static let families = [
        "mooring_reconcile_duration_seconds_bucket", "mooring_operations_total", "mooring_environment_sync_status",
        "mooring_environment_health_status", "mooring_environment_info", "mooring_drift_objects",
        "mooring_git_fetch_duration_seconds_bucket", "mooring_git_fetch_failures_total", "mooring_kube_requests_total",
        "mooring_webhook_requests_total", "mooring_lease_held",
    ]

    /// The exposition parsed by the Prometheus project's own Python client: one `name{labels} value` per sample.
    func scrape(_ service: ServiceProcess) async throws -> [String] {
        let metrics = try await service.request("GET", "/metrics")
        #expect(metrics.httpStatus == 200)
        let parser = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            for family in text_string_to_metric_families(sys.stdin.read()):
                for sample in family.samples:
                    labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
                    print(f"{sample.name}{{{labels}}} {sample.value}")
            """
        let parsed = try await Command.run("python3", ["-c", parser], environment: [:], input: metrics.httpBody)
        #expect(parsed.status == 0, "the exposition does not parse: \(parsed.stderr)")
        return parsed.stdout.split(separator: "\n").map(String.init)
    }

    func debugSetting(_ harness: Harness) async throws -> String? {
        try await harness.live("ConfigMap", "v1", namespace: "django-develop", name: "django-settings")?[path: ["data", "DEBUG"]]?.stringValue
    }

    @Test func signedPushAppliesAtOnceWhileForgeriesDoNothing() async throws {
        try await withHarness { harness in
            let service = try await ServiceProcess.start(harness, configuration: ServiceProcess.configuration(
                harness, interval: "10m", environments: ["develop": Self.develop]))
            do {
                try await service.waitUntilReady()
                #expect(try await service.request("GET", "/healthz").httpStatus == 200)
                #expect(try await debugSetting(harness) == "True")
                let samples = try await scrape(service)
                for family in Self.families {
                    #expect(samples.contains { $0.hasPrefix(family + "{") }, "no \(family) in /metrics")
                }
                #expect(samples.contains(#"mooring_environment_sync_status{environment="develop",status="Synced"} 1.0"#))
                #expect(samples.contains(#"mooring_operations_total{environment="develop",operation="sync",result="Succeeded"} 1.0"#))

                let settings = try harness.repository.read("environments/develop/configmap.yaml")
                let commit = try await harness.repository.commit("Debug off", files: [
                    "environments/develop/configmap.yaml": settings.replacingOccurrences(of: "DEBUG: \"True\"", with: "DEBUG: \"False\""),
                ])
                // A forged signature, a provider with no secret, an oversized body: refused, nothing applied.
                #expect(try await service.pushFromGitHub(after: commit, cloneURL: harness.repository.url, secret: "guessed").httpStatus == 401)
                #expect(try await service.request("POST", "/hooks/gitlab", headers: ["X-Gitlab-Token": ServiceProcess.webhookSecret,
                                                                                     "X-Gitlab-Event": "Push Hook"], body: Array("{}".utf8)).httpStatus == 404)
                let oversized = Array(repeating: UInt8(ascii: " "), count: 2 << 20)
                #expect(try await service.request("POST", "/hooks/github", headers: ["X-GitHub-Event": "push"], body: oversized).httpStatus == 413)
                try await Task.sleep(for: .seconds(2))
                #expect(try await debugSetting(harness) == "True", "a refused hook must not trigger anything")

                // The signed push: answered at once, applied long before the 10-minute poll.
                let accepted = try await service.pushFromGitHub(after: commit, cloneURL: harness.repository.url)
                #expect(accepted.httpStatus == 202 && accepted.text == "reconciling: develop", "\(accepted.stdout)")
                try await poll(timeout: .seconds(60), "the pushed commit was not applied") { try await debugSetting(harness) == "False" }
                // The reconcile ends after its health wait: its metrics follow.
                var after: [String] = []
                try await poll(timeout: .seconds(60), "the metrics never showed the pushed revision") {
                    after = try await scrape(service)
                    return after.contains(#"mooring_environment_info{environment="develop",revision="\#(commit)"} 1.0"#)
                }
                #expect(after.contains(#"mooring_webhook_requests_total{provider="github",result="accepted"} 1.0"#))
                #expect(after.contains(#"mooring_webhook_requests_total{provider="github",result="unauthorized"} 1.0"#))
                #expect(after.contains(#"mooring_webhook_requests_total{provider="github",result="too-large"} 1.0"#))

                // The same push again: a pass that applies nothing prints one line, not a report.
                func reconciles() async throws -> Double {
                    try await scrape(service).first { $0.hasPrefix(#"mooring_reconcile_duration_seconds_count{environment="develop",result="success"}"#) }
                        .flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
                }
                let passes = try await reconciles()
                #expect(try await service.pushFromGitHub(after: commit, cloneURL: harness.repository.url).httpStatus == 202)
                try await poll(timeout: .seconds(60), "the second push was not reconciled") { try await reconciles() > passes }

                let ended = try await service.terminate()
                #expect(ended.stdout.contains("== develop @ \(commit.prefix(7))"), "the sync's report: \(ended.stdout.suffix(2000))")
                #expect(ended.stdout.split(separator: "\n").contains { $0.hasSuffix("s") && $0.contains(" develop \(commit.prefix(7)) Synced Healthy ") },
                        "the no-op pass's line: \(ended.stdout.suffix(2000))")
                #expect(ended.status == .exited(0), "\(ended.stderr.suffix(2000))")
                // The log: JSON lines with structured fields, and never the webhook secret.
                let lines = ended.stderr.split(separator: "\n")
                #expect(!lines.isEmpty && lines.allSatisfy { (try? JSON(parsing: String($0)))?.objectValue != nil }, "\(ended.stderr.prefix(2000))")
                #expect(lines.contains { $0.contains(#""environment":"develop""#) && $0.contains(#""revision":"\#(commit)""#) && $0.contains(#""operation":"sync""#) })
                #expect(!ended.stderr.contains(ServiceProcess.webhookSecret) && !ended.stdout.contains(ServiceProcess.webhookSecret))
            } catch {
                await service.stop()
                throw error
            }
        }
    }

    /// Drift is healed against the repository as last fetched: a round of drift alone fetches
    /// nothing (a thousand environments' first sync set off thousands of such rounds).
    @Test func driftIsHealedWithoutFetchingTheRepository() async throws {
        try await withHarness { harness in
            let service = try await ServiceProcess.start(harness, configuration: ServiceProcess.configuration(
                harness, interval: "10m", environments: ["develop": Self.develop + "\nselfHeal: true"]))
            do {
                try await service.waitUntilReady()
                func count(_ family: String) async throws -> Double {
                    try await scrape(service).filter { $0.hasPrefix(family + "{") }
                        .compactMap { Double($0.split(separator: " ").last ?? "") }.reduce(0, +)
                }
                // The first sync's own writes come back as watch events: let their rounds pass.
                var fetched = try await count("mooring_git_fetch_duration_seconds_count")
                try await poll(timeout: .seconds(60), "the reconciles after the first sync never settled") {
                    let before = try await count("mooring_reconcile_duration_seconds_count")
                    try await Task.sleep(for: .seconds(2))
                    return try await count("mooring_reconcile_duration_seconds_count") == before
                }
                fetched = try await count("mooring_git_fetch_duration_seconds_count")
                #expect(fetched >= 1)
                let patched = try await harness.kubectl("patch", "configmap", "django-settings", "-n", "django-develop", "--type", "merge",
                                                        "-p", #"{"data":{"DEBUG":"edited by hand"}}"#)
                #expect(patched.status == 0, "\(patched.stderr)")
                try await poll(timeout: .seconds(60), "the drift was not healed") { try await debugSetting(harness) == "True" }
                #expect(try await count("mooring_git_fetch_duration_seconds_count") == fetched, "healing drift fetched the repository")
                _ = try await service.terminate()
            } catch {
                await service.stop()
                throw error
            }
        }
    }

    @Test func sigtermMidApplyFinishesTheApplyAndExitsZero() async throws {
        // Real-time controllers: the Deployment takes seconds to become available, so the
        // signal lands while the apply waits for health.
        try await withHarness(timeScale: 1) { harness in
            let service = try await ServiceProcess.start(harness, configuration: ServiceProcess.configuration(
                harness, interval: "10m", environments: ["develop": Self.develop]))
            do {
                try await poll(timeout: .seconds(60), "the apply did not start") {
                    try await harness.live("Namespace", "v1", namespace: nil, name: "django-develop") != nil
                }
                // The apply is still in progress: recorded as Running before its first apply (issue 11).
                #expect(try await harness.history("develop").records.map(\.result) == [.running], "the apply is still in progress")
                let ended = try await service.terminate()
                #expect(ended.status == .exited(0), "\(ended.stderr.suffix(2000))")
                let records = try await harness.history("develop").records
                #expect(records.count == 1 && records.first?.operation == .sync && records.first?.health == .healthy,
                        "the apply in progress finished and was recorded: \(records)")
                #expect(try await harness.live("Deployment", "apps/v1", namespace: "django-develop", name: "django-admin") != nil)
                #expect(ended.stderr.contains("stopped: current work finished"))
            } catch {
                await service.stop()
                throw error
            }
        }
    }
}

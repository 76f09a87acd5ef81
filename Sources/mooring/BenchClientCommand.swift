import ArgumentParser
import Foundation
import KubeAPI
import Manifests

/// `mooring debug bench-client`: hidden; drives KubeAPI for `Benchmarks/kubeapi-bench.sh`, which
/// runs the Python `kubernetes` client through the same work against the same server.
struct DebugCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug", abstract: "Developer tools.", shouldDisplay: false, subcommands: [BenchClientCommand.self])
}

struct BenchClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-client",
        abstract: "Benchmark the Kubernetes API client: seed, gets, list, applies. Prints one JSON line per result.")

    enum Phase: String, ExpressibleByArgument { case seed, gets, list, applies }

    @Argument(help: "seed | gets | list | applies") var phase: Phase
    @Option(help: "kubeconfig file") var kubeconfig: String
    @Option(help: "namespace to work in") var namespace: String = "bench"
    @Option(help: "objects to seed, requests to send, or applies to make") var count: Int = 1000
    @Option(help: "concurrent requests") var concurrency: Int = 1

    func run() async throws {
        // Client-side throttling off: this measures the client, not the limiter.
        let client = try KubeClient(kubeconfig: try Kubeconfig.load(files: [kubeconfig]),
                                    options: KubeClientOptions(rateLimit: nil))
        _ = try await client.restMapper()
        let clock = ContinuousClock()
        let started = clock.now
        var extra: [String: JSON] = [:]
        switch phase {
        case .seed:
            _ = try? await client.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
            try await concurrently(count) { index in
                _ = try await client.apply(configMap("seed-\(index)", index), fieldManager: "bench", force: true)
            }
        case .gets:
            try await concurrently(count) { index in
                _ = try await client.get(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"), name: "seed-\(index % 100)", namespace: namespace)
            }
        case .list:
            let list = try await client.listAll(GroupVersionKind(group: "", version: "v1", kind: "ConfigMap"), namespace: namespace, pageSize: 100_000)
            extra["items"] = .int(Int64(list.items.count))
        case .applies:
            try await concurrently(count) { index in
                _ = try await client.apply(configMap("applied-\(index)", index), fieldManager: "bench", force: true)
            }
        }
        let seconds = Self.seconds(started.duration(to: clock.now))
        var result: JSON = ["client": "mooring", "phase": .string(phase.rawValue), "count": .int(Int64(count)),
                            "concurrency": .int(Int64(concurrency)), "seconds": .double(seconds),
                            "perSecond": .double(Double(count) / seconds), "peakRSSKiB": .int(Self.peakRSS())]
        for (key, value) in extra { result[key] = value }
        print(result.serialized())
    }

    private func configMap(_ name: String, _ index: Int) -> JSON {
        ["apiVersion": "v1", "kind": "ConfigMap",
         "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["bench": "yes"]],
         "data": ["index": .string(String(index)), "payload": .string(String(repeating: "x", count: 200))]]
    }

    /// Runs `count` jobs, at most `concurrency` at once.
    private func concurrently(_ count: Int, _ job: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            for _ in 0..<min(concurrency, count) {
                let index = next
                group.addTask { try await job(index) }
                next += 1
            }
            while try await group.next() != nil {
                if next < count {
                    let index = next
                    group.addTask { try await job(index) }
                    next += 1
                }
            }
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// VmHWM: the most resident memory the process ever had.
    private static func peakRSS() -> Int64 {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int64(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? 0
    }
}

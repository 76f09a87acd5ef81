import KubeAPI
import Manifests
import Testing
@testable import Reconciler

/// `cluster: {kubeconfig, context, qps, burst}`: the client-side rate limit toward a real cluster.
@Suite struct ClusterRateLimitTests {
    private func read(_ environments: JSON) throws -> MooringConfiguration {
        try MooringConfiguration(document: ["repository": ["url": "git://127.0.0.1/config.git"], "environments": environments],
                                 lineOf: { _ in nil })
    }

    @Test func qpsAndBurstAreReadAndDefaultToKubectls() throws {
        let configuration = try read([
            "develop": ["cluster": ["kubeconfig": "/k", "context": "dev", "qps": 200, "burst": 1000]],
            "staging": ["cluster": ["kubeconfig": "/k", "context": "stage", "qps": 20.5]],
            "master": ["cluster": ["kubeconfig": "/k", "context": "prod"]],
        ])
        #expect(configuration.environment(named: "develop")?.clientRateLimit == RateLimit(qps: 200, burst: 1000))
        #expect(configuration.environment(named: "staging")?.clientRateLimit == RateLimit(qps: 20.5, burst: 300))
        #expect(configuration.environment(named: "master")?.clientRateLimit == nil, "kubectl's 50 / 300 then")
    }

    @Test func badValuesAndDisagreeingEnvironmentsAreReported() {
        let error = #expect(throws: ConfigurationError.self) {
            try read([
                "develop": ["cluster": ["kubeconfig": "/d", "qps": 0, "burst": "many"]],
                "master": ["cluster": ["kubeconfig": "/k", "qps": 10]],
                "preview": ["cluster": ["kubeconfig": "/k", "qps": 20]],
            ])
        }
        let messages = error?.problems.map(\.message) ?? []
        #expect(messages.contains(#"cluster.qps in environment "develop" must be a number above 0, not 0"#), "\(messages)")
        #expect(messages.contains(#"cluster.burst in environment "develop" must be a whole number of at least 1, not "many""#), "\(messages)")
        #expect(messages.contains { $0.hasPrefix(#"environments "master" and "preview" share the cluster"#) }, "\(messages)")
    }
}

import KubeAPI
import Manifests

/// `cluster: {kubeconfig: …, context: …, qps: 100, burst: 500}`: the client-side rate limit
/// toward a real cluster, as kubectl's `--qps`/`--burst` would set it (default kubectl's 50 and
/// 300). Environments moored to the same cluster share one client, so they must agree on it.
/// The embedded cluster has none: there is no priority-and-fairness to protect.
extension EnvironmentConfiguration {
    static let rateLimitKeys = ["qps", "burst"]

    /// The `qps` and `burst` of a cluster map; `nil` when it sets neither.
    static func readRateLimit(_ cluster: JSONObject, at path: ConfigurationPath, context: String,
                              with reader: inout ConfigurationReader) -> RateLimit? {
        var limit = RateLimit.kubectlDefault
        var given = false
        if let value = cluster["qps"], !value.isNull {
            given = true
            if let qps = value.doubleValue, qps > 0 { limit.qps = qps } else {
                reader.report("cluster.qps \(context) must be a number above 0, not \(value.serialized())", at: path + ["qps"])
            }
        }
        if let value = cluster["burst"], !value.isNull {
            given = true
            if let burst = value.intValue, burst >= 1 { limit.burst = Int(burst) } else {
                reader.report("cluster.burst \(context) must be a whole number of at least 1, not \(value.serialized())", at: path + ["burst"])
            }
        }
        return given ? limit : nil
    }

    /// Reports environments moored to one cluster that set different limits for it.
    static func checkRateLimitsAgree(_ environments: [EnvironmentConfiguration], with reader: inout ConfigurationReader) {
        var first: [String: EnvironmentConfiguration] = [:]
        for environment in environments.sorted(by: { $0.name < $1.name }) where environment.clientRateLimit != nil {
            let key = environment.cluster.description
            guard let earlier = first[key] else { first[key] = environment; continue }
            if earlier.clientRateLimit != environment.clientRateLimit {
                reader.report("environments \"\(earlier.name)\" and \"\(environment.name)\" share the cluster \(key) but set different qps/burst: "
                              + "set them alike (one client serves both)", at: ["environments", environment.name, "cluster"])
            }
        }
    }
}

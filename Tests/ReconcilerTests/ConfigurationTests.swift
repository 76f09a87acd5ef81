import Manifests
import Testing
@testable import Reconciler

/// The configuration as the YAML loader hands it over: a JSON value and the line of every path.
/// `lines` mirrors this file:
///
///  1 repository:
///  2   url: git://127.0.0.1/config.git
///  3   interval: 30s
///  4 environments:
///  5   develop:
///  6     ref: develop
///  7     prunee: true
///  8     healthTimeout: 5x
///  9   master:
/// 10     cluster: {kubeconfig: /etc/kube/prod, context: prod}
/// 11     ignoreDifferences:
/// 12       - kind: Deployment
/// 13         jsonPointers: [spec/replicas]
@Suite struct ConfigurationTests {
    static let lines: [ConfigurationPath: Int] = [
        ["repository"]: 1, ["repository", "url"]: 2, ["repository", "interval"]: 3,
        ["environments"]: 4, ["environments", "develop"]: 5, ["environments", "develop", "ref"]: 6,
        ["environments", "develop", "prunee"]: 7, ["environments", "develop", "healthTimeout"]: 8,
        ["environments", "master"]: 9, ["environments", "master", "cluster"]: 10,
        ["environments", "master", "cluster", "kubeconfig"]: 10, ["environments", "master", "cluster", "context"]: 10,
        ["environments", "master", "ignoreDifferences"]: 11, ["environments", "master", "ignoreDifferences", "0"]: 12,
        ["environments", "master", "ignoreDifferences", "0", "kind"]: 12,
        ["environments", "master", "ignoreDifferences", "0", "jsonPointers"]: 13,
        ["environments", "master", "ignoreDifferences", "0", "jsonPointers", "0"]: 13,
    ]
    let lineOf: LineLookup = { ConfigurationTests.lines[$0] }

    @Test func everyProblemIsReportedWithItsLine() {
        let document: JSON = [
            "repository": ["url": "git://127.0.0.1/config.git", "interval": "30s"],
            "environments": [
                "develop": ["ref": "develop", "prunee": true, "healthTimeout": "5x"],
                "master": [
                    "cluster": ["kubeconfig": "/etc/kube/prod", "context": "prod"],
                    "ignoreDifferences": [["kind": "Deployment", "jsonPointers": ["spec/replicas"]]],
                ],
            ],
        ]
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(document: document, lineOf: lineOf)
        }
        #expect(error?.problems.map(\.description) == [
            #"mooring.yaml:7: unknown key "prunee" in environment "develop" (did you mean "prune"?)"#,
            #"mooring.yaml:8: bad duration "5x" for healthTimeout in environment "develop": expected a duration such as 30s, 5m or 1h30m"#,
            #"mooring.yaml:13: bad JSON pointer "spec/replicas" in ignoreDifferences in environment "master": it must start with '/', e.g. /spec/replicas"#,
        ])
    }

    @Test func validConfigurationReadsWithDefaults() throws {
        let document: JSON = [
            "repository": ["url": "git://127.0.0.1/config.git", "interval": "1m30s", "auth": ["tokenEnv": "GIT_TOKEN"]],
            "environments": [
                "develop": ["ref": "develop", "prune": true, "selfHeal": true, "healthTimeout": "2m",
                            "rollbackOnFailure": true, "revertInGit": true],
                "master": [
                    "namespace": "shop", "allowEmpty": true,
                    "cluster": ["kubeconfig": "/etc/kube/prod", "context": "prod"],
                    "ignoreDifferences": [["group": "apps", "kind": "Deployment", "jsonPointers": ["/spec/replicas"]]],
                ],
                "preview": nil,
            ],
        ]
        let configuration = try MooringConfiguration(document: document, lineOf: lineOf)
        #expect(configuration.repository == RepositoryConfiguration(url: "git://127.0.0.1/config.git", interval: .seconds(90), auth: RepositoryAuth(tokenEnv: "GIT_TOKEN")))
        #expect(configuration.environments.map(\.name) == ["develop", "master", "preview"])

        let develop = try #require(configuration.environment(named: "develop"))
        #expect(develop.path == "environments/develop")
        #expect(develop.cluster == .local)
        #expect(develop.prune && develop.selfHeal && develop.rollbackOnFailure && develop.revertInGit)
        #expect(develop.healthTimeout == .seconds(120))

        let master = try #require(configuration.environment(named: "master"))
        #expect(master.ref == nil)
        #expect(master.namespace == "shop")
        #expect(master.cluster == .kubeconfig(path: "/etc/kube/prod", context: "prod"))
        #expect(master.ignoreDifferences == [IgnoreDifferenceRule(group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"])])
        #expect(!master.prune && !master.selfHeal && master.allowEmpty)
        #expect(master.healthTimeout == EnvironmentConfiguration.defaultHealthTimeout)

        #expect(configuration.environment(named: "preview") == EnvironmentConfiguration(name: "preview"))
    }

    @Test func typesClustersAndMissingPartsAreChecked() {
        let document: JSON = [
            "repositry": ["url": "x"],
            "environments": [
                "Develop": ["prune": "yes", "cluster": "staging", "healthTimeout": 30],
                "master": ["revertInGit": true, "cluster": ["kubeconfig": "/k", "contxt": "prod"]],
            ],
        ]
        let error = #expect(throws: ConfigurationError.self) {
            try MooringConfiguration(document: document, lineOf: { _ in nil })
        }
        #expect(error?.problems.map(\.message) == [
            #"unknown key "repositry" at the top level (did you mean "repository"?)"#,
            #"missing "repository" (its url and interval)"#,
            #"environment name "Develop" must be lowercase letters, digits and '-' (at most 47 characters)"#,
            #"prune in environment "Develop" must be true or false, not string "yes""#,
            #"healthTimeout in environment "Develop" must be a duration such as 30s, 5m or 1h30m, not integer 30"#,
            #"unknown cluster "staging" in environment "Develop": use local, in-cluster, or a map with kubeconfig and context"#,
            #"revertInGit needs rollbackOnFailure: true in environment "master""#,
            #"unknown key "contxt" in the cluster in environment "master" (did you mean "context"?)"#,
        ])
    }

    @Test func unknownContextsAreReportedWithTheirLine() throws {
        let document: JSON = [
            "repository": ["url": "/srv/config"],
            "environments": ["master": ["cluster": ["kubeconfig": "/etc/kube/prod", "context": "prod"]]],
        ]
        let configuration = try MooringConfiguration(document: document, lineOf: lineOf)
        #expect(throws: Never.self) {
            try configuration.validateClusters(lineOf: lineOf) { $0 == "/etc/kube/prod" ? ["prod", "staging"] : nil }
        }
        let error = #expect(throws: ConfigurationError.self) {
            try configuration.validateClusters(lineOf: lineOf) { _ in ["staging"] }
        }
        #expect(error?.description == #"mooring.yaml:10: unknown context "prod" in kubeconfig /etc/kube/prod of environment "master": it has "staging""#)
        let unreadable = #expect(throws: ConfigurationError.self) {
            try configuration.validateClusters(lineOf: lineOf) { _ in nil }
        }
        #expect(unreadable?.description == "mooring.yaml:10: cannot read kubeconfig /etc/kube/prod of environment \"master\"")
    }

    @Test func emptyOrNonMapDocumentsAreErrors() {
        let empty = #expect(throws: ConfigurationError.self) { try MooringConfiguration(document: .null, lineOf: { _ in nil }) }
        #expect(empty?.description == "mooring.yaml: the file is empty: it needs repository and environments")
        let list = #expect(throws: ConfigurationError.self) { try MooringConfiguration(document: [1, 2], lineOf: { _ in 1 }) }
        #expect(list?.description == "mooring.yaml:1: the configuration must be a map, not array")
    }
}

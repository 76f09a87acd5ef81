import Foundation
import Manifests
import TestSupport
import Testing
@testable import KubeAPI

/// Kubeconfig reading and merging, checked against what the real kubectl makes of the same files.
@Suite struct KubeconfigMergeTests {
    /// Three files in three folders, overlapping names; a missing file in between.
    private func writeFiles(_ dir: TemporaryFolder) throws -> [String] {
        try dir.write("a/ca.crt", "CA OF FILE A\n")
        try dir.write("a/certs/client.crt", "CLIENT CERT A\n")
        try dir.write("a/certs/client.key", "CLIENT KEY A\n")
        try dir.write("b/ca.crt", "CA OF FILE B\n")
        let a = try dir.write("a/config", """
            {"apiVersion": "v1", "kind": "Config",
             "clusters": [{"name": "shared", "cluster": {"server": "https://a.example:6443", "certificate-authority": "ca.crt"}},
                          {"name": "only-a", "cluster": {"server": "https://only-a:443", "insecure-skip-tls-verify": true}}],
             "users": [{"name": "alice", "user": {"token": "token-of-a", "client-certificate": "certs/client.crt", "client-key": "certs/client.key"}},
                       {"name": "plugin", "user": {"exec": {"apiVersion": "client.authentication.k8s.io/v1", "command": "./bin/get-token",
                                                            "args": ["--x"], "env": [{"name": "K", "value": "V"}]}}}],
             "contexts": [{"name": "ctx-a", "context": {"cluster": "shared", "user": "alice", "namespace": "team-a"}}]}
            """)
        let b = try dir.write("b/config", """
            {"apiVersion": "v1", "kind": "Config",
             "clusters": [{"name": "shared", "cluster": {"server": "https://b.example:6443", "certificate-authority": "ca.crt"}},
                          {"name": "only-b", "cluster": {"server": "https://only-b:443", "certificate-authority": "ca.crt",
                                                         "tls-server-name": "api.internal", "proxy-url": "http://proxy.local:3128"}}],
             "users": [{"name": "alice", "user": {"tokenFile": "token"}}, {"name": "bob", "user": {"username": "bob", "password": "pw-b"}}],
             "contexts": [{"name": "ctx-a", "context": {"cluster": "only-b", "user": "bob"}},
                          {"name": "ctx-b", "context": {"cluster": "only-b", "user": "bob", "namespace": "team-b"}}],
             "current-context": "ctx-b"}
            """)
        let c = try dir.write("c/config", """
            {"apiVersion": "v1", "kind": "Config", "current-context": "ctx-a",
             "clusters": [{"name": "only-c", "cluster": {"server": "https://only-c:443"}}],
             "contexts": [{"name": "ctx-c", "context": {"cluster": "only-c", "user": "alice"}}]}
            """)
        return [a, dir.file("missing/config"), b, c]
    }

    @Test func mergeMatchesKubectlConfigView() async throws {
        let dir = try TemporaryFolder("kubeconfig-merge")
        let files = try writeFiles(dir)
        let kubeconfigVariable = files.joined(separator: ":")
        let ours = try Kubeconfig.load(environment: ["KUBECONFIG": kubeconfigVariable, "HOME": dir.path])
        let output = try await Command.check("kubectl", ["config", "view", "--merge", "--raw", "-o", "json"],
                                       environment: ["KUBECONFIG": kubeconfigVariable, "HOME": dir.path, "PATH": "/usr/bin:/bin"])
        let kubectl = try JSON(parsing: output)

        #expect(ours.currentContext == kubectl["current-context"]?.stringValue)
        #expect(ours.currentContext == "ctx-b")

        let theirClusters = Dictionary(uniqueKeysWithValues: (kubectl["clusters"]?.arrayValue ?? []).map { ($0["name"]!.stringValue!, $0["cluster"]!) })
        #expect(Set(ours.clusters.keys) == Set(theirClusters.keys))
        for (name, cluster) in ours.clusters {
            let theirs = try #require(theirClusters[name])
            #expect(cluster.server == theirs["server"]?.stringValue, "cluster \(name)")
            #expect(cluster.insecureSkipTLSVerify == (theirs["insecure-skip-tls-verify"]?.boolValue ?? false), "cluster \(name)")
            #expect(cluster.tlsServerName == theirs["tls-server-name"]?.stringValue, "cluster \(name)")
            #expect(cluster.proxyURL == theirs["proxy-url"]?.stringValue, "cluster \(name)")
            #expect((cluster.certificateAuthority == nil) == (theirs["certificate-authority"] == nil), "cluster \(name)")
        }
        let theirUsers = Dictionary(uniqueKeysWithValues: (kubectl["users"]?.arrayValue ?? []).map { ($0["name"]!.stringValue!, $0["user"]!) })
        #expect(Set(ours.users.keys) == Set(theirUsers.keys))
        for (name, user) in ours.users {
            let theirs = try #require(theirUsers[name])
            #expect(user.token == theirs["token"]?.stringValue, "user \(name)")
            #expect((user.tokenFile == nil) == (theirs["tokenFile"] == nil), "user \(name)")
            #expect(user.username == theirs["username"]?.stringValue, "user \(name)")
            #expect(user.password == theirs["password"]?.stringValue, "user \(name)")
            #expect(user.exec?.args == theirs[path: ["exec", "args"]]?.arrayValue?.compactMap(\.stringValue), "user \(name)")
            #expect(user.exec?.apiVersion == theirs[path: ["exec", "apiVersion"]]?.stringValue, "user \(name)")
        }
        let theirContexts = Dictionary(uniqueKeysWithValues: (kubectl["contexts"]?.arrayValue ?? []).map { ($0["name"]!.stringValue!, $0["context"]!) })
        #expect(Set(ours.contexts.keys) == Set(theirContexts.keys))
        for (name, context) in ours.contexts {
            let theirs = try #require(theirContexts[name])
            #expect(context.cluster == theirs["cluster"]?.stringValue, "context \(name)")
            #expect(context.user == theirs["user"]?.stringValue, "context \(name)")
            #expect(context.namespace == theirs["namespace"]?.stringValue, "context \(name)")
        }
    }

    /// `--flatten` inlines the files kubectl resolved: ours must have read the very same bytes,
    /// so relative paths were resolved against the file that named them.
    @Test func relativePathsResolveAgainstTheirOwnFile() async throws {
        let dir = try TemporaryFolder("kubeconfig-paths")
        let files = try writeFiles(dir)
        let variable = files.joined(separator: ":")
        let ours = try Kubeconfig.load(environment: ["KUBECONFIG": variable])
        for context in ["ctx-a", "ctx-b"] {
            let flattened = try JSON(parsing: try await Command.check(
                "kubectl", ["config", "view", "--flatten", "--minify", "--context", context, "-o", "json"],
                environment: ["KUBECONFIG": variable, "HOME": dir.path, "PATH": "/usr/bin:/bin"]))
            let connection = try ours.connection(context: context)
            let caData = try #require(flattened["clusters"]?[0]?[path: ["cluster", "certificate-authority-data"]]?.stringValue)
            #expect(connection.settings.tls.certificateAuthorityPEM == Array(Data(base64Encoded: caData)!), "context \(context)")
            if let certData = flattened["users"]?[0]?[path: ["user", "client-certificate-data"]]?.stringValue {
                #expect(connection.settings.tls.clientCertificatePEM == Array(Data(base64Encoded: certData)!))
            }
        }
        #expect(ours.users["plugin"]?.exec?.command == dir.file("a/bin/get-token"))
        #expect(ours.users["alice"]?.tokenFile == nil)
    }

    @Test func contextResolvesServerCredentialsAndNamespace() async throws {
        let dir = try TemporaryFolder("kubeconfig-context")
        let ours = try Kubeconfig.load(files: try writeFiles(dir).filter { !$0.contains("missing") })
        let b = try ours.connection()
        #expect(b.contextName == "ctx-b")
        #expect(b.server == "https://only-b:443")
        #expect(b.namespace == "team-b")
        #expect(b.settings.tls.serverName == "api.internal")
        #expect(b.settings.proxyURL == "http://proxy.local:3128")
        guard case .basic(let username, let password) = b.credentials else { Issue.record("expected basic auth"); return }
        #expect(username == "bob" && password == "pw-b")
        let a = try ours.connection(context: "ctx-a")
        #expect(a.server == "https://a.example:6443")
        #expect(a.namespace == "team-a")
        guard case .bearerToken(let token) = a.credentials else { Issue.record("expected a token"); return }
        #expect(token == "token-of-a")
        let c = try ours.connection(context: "ctx-c")
        #expect(c.namespace == "default")
    }

    @Test func errorsNameWhatIsWrong() async throws {
        let dir = try TemporaryFolder("kubeconfig-errors")
        let good = try dir.write("good", KubeconfigFixture.single(cluster: ["server": "https://x:1", "certificate-authority": "nope.crt"],
                                                                  user: ["token": "secret-token-123"]))
        let config = try Kubeconfig.load(files: [good])
        #expect(throws: KubeconfigError.contextNotFound(name: "prod", files: [good])) { try config.connection(context: "prod") }
        do {
            _ = try config.connection()
            Issue.record("a missing CA file must fail")
        } catch {
            #expect("\(error)".contains(dir.file("nope.crt")))
            #expect("\(error)".contains("certificate-authority"))
        }
        #expect(throws: KubeconfigError.fileUnreadable(path: dir.file("absent"), reason: "No such file or directory")) {
            try Kubeconfig.load(files: [dir.file("absent")])
        }
        let broken = try dir.write("broken", "{\"clusters\": 3}")
        do {
            _ = try Kubeconfig.load(files: [broken])
            Issue.record("a malformed file must fail")
        } catch {
            #expect("\(error)".contains(broken) && "\(error)".contains("clusters"))
        }
        let empty = try Kubeconfig.load(environment: ["KUBECONFIG": dir.file("none1") + ":" + dir.file("none2")])
        do {
            _ = try empty.connection()
            Issue.record("no context must fail")
        } catch {
            #expect("\(error)".contains("no current-context"))
        }
        let noUser = try dir.write("nouser", """
            {"clusters": [{"name": "c", "cluster": {"server": "https://x"}}], "contexts": [{"name": "k", "context": {"cluster": "c", "user": "ghost"}}]}
            """)
        #expect(throws: KubeconfigError.userNotFound(name: "ghost", context: "k")) { try Kubeconfig.load(files: [noUser]).connection(context: "k") }
    }

    @Test func credentialsNeverShowInDescriptions() async throws {
        let dir = try TemporaryFolder("kubeconfig-redaction")
        let file = try dir.write("config", KubeconfigFixture.single(cluster: ["server": "https://x:1"],
                                                                    user: ["token": "secret-token-123", "username": "u", "password": "secret-pw-456"]))
        let config = try Kubeconfig.load(files: [file])
        let connection = try config.connection()
        var dumped = ""
        dump(connection, to: &dumped)
        dump(config, to: &dumped)
        dump(config.users["test"]!, to: &dumped)
        let texts = ["\(connection)", String(reflecting: connection), "\(config)", String(reflecting: config),
                     "\(config.users["test"]!)", "\(connection.credentials)", dumped]
        for text in texts {
            #expect(!text.contains("secret-token-123") && !text.contains("secret-pw-456"), "leaked in: \(text)")
        }
    }

    @Test func homeKubeconfigIsTheDefault() async throws {
        let dir = try TemporaryFolder("kubeconfig-home")
        try dir.write(".kube/config", KubeconfigFixture.single(cluster: ["server": "https://home:6443"], user: [:], namespace: "mine"))
        let connection = try Kubeconfig.load(environment: ["HOME": dir.path]).connection()
        #expect(connection.server == "https://home:6443")
        #expect(connection.namespace == "mine")
    }

    /// The YAML kubectl itself writes (`kubectl config set-cluster` ...), read back the same way.
    @Test func yamlWrittenByKubectlReadsTheSame() async throws {
        let dir = try TemporaryFolder("kubeconfig-yaml")
        let file = dir.file("config")
        let environment = ["KUBECONFIG": file, "HOME": dir.path, "PATH": "/usr/bin:/bin"]
        try await Command.check("kubectl", ["config", "set-cluster", "prod", "--server=https://10.1.2.3:6443", "--tls-server-name=api.prod",
                           "--insecure-skip-tls-verify=true"], environment: environment)
        try await Command.check("kubectl", ["config", "set-credentials", "ops", "--token=yaml-token"], environment: environment)
        try await Command.check("kubectl", ["config", "set-context", "prod-ops", "--cluster=prod", "--user=ops", "--namespace=payments"],
                          environment: environment)
        try await Command.check("kubectl", ["config", "use-context", "prod-ops"], environment: environment)
        #expect(try dir.read("config").contains("current-context: prod-ops"), "kubectl wrote YAML")
        let connection = try Kubeconfig.load(environment: environment).connection()
        #expect(connection.server == "https://10.1.2.3:6443")
        #expect(connection.settings.tls.serverName == "api.prod")
        #expect(connection.settings.tls.insecureSkipVerify)
        #expect(connection.namespace == "payments")
        guard case .bearerToken(let token) = connection.credentials else { Issue.record("expected a token"); return }
        #expect(token == "yaml-token")
        try dir.write("bad", "clusters:\n  - name: x\n   cluster: {server: 1\n")
        #expect(throws: KubeconfigError.self) { try Kubeconfig.load(files: [dir.file("bad")]) }
    }

    @Test func authProvidersAndInteractivePlugins() async throws {
        let dir = try TemporaryFolder("kubeconfig-providers")
        let gcp = try dir.write("gcp", KubeconfigFixture.single(cluster: ["server": "https://x:1"],
                                                                user: ["auth-provider": ["name": "gcp", "config": ["access-token": "secret-gcp"]]]))
        do {
            _ = try Kubeconfig.load(files: [gcp]).connection()
            Issue.record("the gcp auth-provider must be refused")
        } catch {
            #expect("\(error)".contains("auth-provider \"gcp\"") && "\(error)".contains("user \"test\"") && !"\(error)".contains("secret-gcp"))
        }
        let oidc = try dir.write("oidc", KubeconfigFixture.single(cluster: ["server": "https://x:1"],
                                                                  user: ["auth-provider": ["name": "oidc", "config": ["id-token": "the-id-token"]]]))
        guard case .bearerToken(let token) = try Kubeconfig.load(files: [oidc]).connection().credentials else {
            Issue.record("oidc's id-token is a bearer token"); return
        }
        #expect(token == "the-id-token")
        let interactive = try dir.write("interactive", KubeconfigFixture.single(cluster: ["server": "http://127.0.0.1:1"], user: [
            "exec": ["apiVersion": "client.authentication.k8s.io/v1", "command": "/bin/true", "interactiveMode": "Always"]]))
        let client = try KubeClient(kubeconfig: try Kubeconfig.load(files: [interactive]), options: noRetries)
        await #expect { try await client.version() } throws: { "\($0)".contains("interactiveMode Always") }
    }
}

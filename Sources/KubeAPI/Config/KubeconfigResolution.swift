import Foundation
import Manifests

extension Kubeconfig {
    /// The connection of `context` (default: the current context): its cluster's server and TLS,
    /// its user's credentials, its namespace. Files it references are read now, so a missing
    /// certificate is reported here, by name.
    public func connection(context requested: String? = nil) throws(KubeconfigError) -> ClusterConnection {
        guard let contextName = requested ?? currentContext.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw .noCurrentContext(files: files)
        }
        guard let context = contexts[contextName] else { throw .contextNotFound(name: contextName, files: files) }
        guard let cluster = clusters[context.cluster] else { throw .clusterNotFound(name: context.cluster, context: contextName) }
        guard let server = cluster.server, !server.isEmpty else { throw .missingServer(cluster: context.cluster) }
        let user: User
        if context.user.isEmpty {
            user = User()
        } else if let found = users[context.user] {
            user = found
        } else {
            throw .userNotFound(name: context.user, context: contextName)
        }
        let clusterOwner = "cluster \"\(context.cluster)\""
        let userOwner = "user \"\(context.user)\""

        var tls = TLSSettings()
        tls.insecureSkipVerify = cluster.insecureSkipTLSVerify
        tls.serverName = cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 }
        tls.certificateAuthorityPEM = try Self.material(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
                                                        field: "certificate-authority", owner: clusterOwner)
        tls.clientCertificatePEM = try Self.material(data: user.clientCertificateData, file: user.clientCertificate,
                                                     field: "client-certificate", owner: userOwner)
        tls.clientKeyPEM = try Self.material(data: user.clientKeyData, file: user.clientKey, field: "client-key", owner: userOwner)
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw .invalidField(field: tls.clientKeyPEM == nil ? "client-key" : "client-certificate", owner: userOwner,
                                detail: "a client certificate needs both a certificate and a key")
        }

        let credentials: CredentialSource
        if let exec = user.exec {
            credentials = .exec(exec, cluster: Self.execClusterInfo(cluster, server: server))
        } else if let tokenFile = user.tokenFile, !tokenFile.isEmpty {
            credentials = .tokenFile(path: tokenFile)
        } else if let token = user.token, !token.isEmpty {
            credentials = .bearerToken(token)
        } else if let username = user.username, !username.isEmpty {
            credentials = .basic(username: username, password: user.password ?? "")
        } else if let provider = user.authProviderName {
            // kubectl dropped the gcp and azure providers; oidc's current id-token still works as a bearer token.
            guard provider == "oidc", let idToken = user.authProviderIDToken, !idToken.isEmpty else {
                throw .invalidField(field: "auth-provider", owner: userOwner,
                                    detail: "auth-provider \"\(provider)\" is not supported; use an exec credential plugin "
                                        + "(gke-gcloud-auth-plugin, kubelogin, aws eks get-token)")
            }
            credentials = .bearerToken(idToken)
        } else {
            credentials = .none
        }
        let namespace = context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return ClusterConnection(server: server, settings: ConnectionSettings(tls: tls, proxyURL: cluster.proxyURL),
                                 credentials: credentials, namespace: namespace, contextName: contextName)
    }

    /// Inline base64 data wins over a file, as in client-go.
    static func material(data: String?, file: String?, field: String, owner: String) throws(KubeconfigError) -> [UInt8]? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw .invalidField(field: "\(field)-data", owner: owner, detail: "not valid base64")
            }
            return Array(decoded)
        }
        if let file, !file.isEmpty {
            do { return Array(try Data(contentsOf: URL(fileURLWithPath: file))) } catch {
                throw .referencedFileUnreadable(field: field, owner: owner, path: file, reason: reason(error))
            }
        }
        return nil
    }

    /// `spec.cluster` of `KUBERNETES_EXEC_INFO` (client.authentication.k8s.io Cluster).
    private static func execClusterInfo(_ cluster: Cluster, server: String) -> JSON {
        var info: JSON = ["server": .string(server)]
        if let name = cluster.tlsServerName { info["tls-server-name"] = .string(name) }
        if cluster.insecureSkipTLSVerify { info["insecure-skip-tls-verify"] = true }
        if let data = cluster.certificateAuthorityData {
            info["certificate-authority-data"] = .string(data)
        } else if let file = cluster.certificateAuthority, let bytes = try? Data(contentsOf: URL(fileURLWithPath: file)) {
            info["certificate-authority-data"] = .string(bytes.base64EncodedString())
        }
        if let proxy = cluster.proxyURL { info["proxy-url"] = .string(proxy) }
        return info
    }
}

import Foundation
import Manifests

/// Reads the kubeconfig JSON shape into the model, with errors naming the field.
struct KubeconfigReader {
    let path: String
    let directory: String

    mutating func read(_ json: JSON) throws(KubeconfigError) -> Kubeconfig {
        guard json.objectValue != nil else { throw .malformed(path: path, detail: "expected a mapping at the top level") }
        var config = Kubeconfig()
        for (name, body) in try namedEntries(json, list: "clusters", item: "cluster") where config.clusters[name] == nil {
            config.clusters[name] = try cluster(body, at: "clusters[\(name)]")
        }
        for (name, body) in try namedEntries(json, list: "users", item: "user") where config.users[name] == nil {
            config.users[name] = try user(body, at: "users[\(name)]")
        }
        for (name, body) in try namedEntries(json, list: "contexts", item: "context") where config.contexts[name] == nil {
            config.contexts[name] = Kubeconfig.Context(
                cluster: try string(body, "cluster", at: "contexts[\(name)]") ?? "",
                user: try string(body, "user", at: "contexts[\(name)]") ?? "",
                namespace: try string(body, "namespace", at: "contexts[\(name)]"))
        }
        config.currentContext = try string(json, "current-context", at: "")
        return config
    }

    private func namedEntries(_ json: JSON, list: String, item: String) throws(KubeconfigError) -> [(String, JSON)] {
        guard let value = json[list], !value.isNull else { return [] }
        guard let array = value.arrayValue else { throw .malformed(path: path, detail: "\(list): expected a list") }
        var entries: [(String, JSON)] = []
        for (index, entry) in array.enumerated() {
            guard let name = entry["name"]?.stringValue, !name.isEmpty else {
                throw .malformed(path: path, detail: "\(list)[\(index)]: missing name")
            }
            entries.append((name, entry[item] ?? .object(JSONObject())))
        }
        return entries
    }

    private func cluster(_ body: JSON, at place: String) throws(KubeconfigError) -> Kubeconfig.Cluster {
        Kubeconfig.Cluster(
            server: try string(body, "server", at: place),
            certificateAuthority: try string(body, "certificate-authority", at: place).map(resolve),
            certificateAuthorityData: try string(body, "certificate-authority-data", at: place),
            insecureSkipTLSVerify: try bool(body, "insecure-skip-tls-verify", at: place) ?? false,
            tlsServerName: try string(body, "tls-server-name", at: place),
            proxyURL: try string(body, "proxy-url", at: place))
    }

    private func user(_ body: JSON, at place: String) throws(KubeconfigError) -> Kubeconfig.User {
        var exec: ExecPluginConfig?
        if let execJSON = body["exec"], !execJSON.isNull {
            let execPlace = place + ".exec"
            guard let command = try string(execJSON, "command", at: execPlace), !command.isEmpty else {
                throw .malformed(path: path, detail: "\(execPlace): missing command")
            }
            var env: [(name: String, value: String)] = []
            for item in execJSON["env"]?.arrayValue ?? [] {
                env.append((name: item["name"]?.stringValue ?? "", value: item["value"]?.stringValue ?? ""))
            }
            exec = ExecPluginConfig(
                apiVersion: try string(execJSON, "apiVersion", at: execPlace) ?? "",
                command: command.contains("/") ? resolve(command) : command,
                args: (execJSON["args"]?.arrayValue ?? []).compactMap(\.stringValue),
                env: env,
                provideClusterInfo: try bool(execJSON, "provideClusterInfo", at: execPlace) ?? false,
                installHint: try string(execJSON, "installHint", at: execPlace),
                interactiveMode: try string(execJSON, "interactiveMode", at: execPlace))
        }
        return Kubeconfig.User(
            token: try string(body, "token", at: place),
            tokenFile: try string(body, "tokenFile", at: place).map(resolve),
            clientCertificate: try string(body, "client-certificate", at: place).map(resolve),
            clientCertificateData: try string(body, "client-certificate-data", at: place),
            clientKey: try string(body, "client-key", at: place).map(resolve),
            clientKeyData: try string(body, "client-key-data", at: place),
            username: try string(body, "username", at: place),
            password: try string(body, "password", at: place),
            exec: exec,
            authProviderName: body[path: ["auth-provider", "name"]]?.stringValue,
            authProviderIDToken: body[path: ["auth-provider", "config", "id-token"]]?.stringValue)
    }

    /// A path relative to the kubeconfig's own folder, as kubectl resolves it.
    private func resolve(_ value: String) -> String {
        if value.isEmpty || value.hasPrefix("/") { return value }
        return URL(fileURLWithPath: directory).appendingPathComponent(value).standardized.path
    }

    private func string(_ json: JSON, _ key: String, at place: String) throws(KubeconfigError) -> String? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let string = value.stringValue else {
            throw .malformed(path: path, detail: "\(place.isEmpty ? "" : place + ".")\(key): expected a string, found \(value.typeName)")
        }
        return string
    }

    private func bool(_ json: JSON, _ key: String, at place: String) throws(KubeconfigError) -> Bool? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let bool = value.boolValue else {
            throw .malformed(path: path, detail: "\(place).\(key): expected a boolean, found \(value.typeName)")
        }
        return bool
    }
}

import Manifests

/// `repository:` of `mooring.yaml`, read with every problem reported in one pass.
extension RepositoryConfiguration {
    static let keys = ["url", "interval", "auth"]
    static let authKeys = ["usernameEnv", "passwordEnv", "tokenEnv", "sshKeyEnv"]

    static func read(_ value: JSON, with reader: inout ConfigurationReader) -> RepositoryConfiguration? {
        let path = ["repository"]
        guard let object = reader.object(value, at: path, named: "repository") else { return nil }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: "in repository")
        let url = reader.string(object, "url", at: path, named: "repository.url")
        if object["url"] == nil || object["url"]!.isNull {
            reader.report("repository.url is missing", at: path)
        } else if url?.isEmpty == true {
            reader.report("repository.url is empty", at: path + ["url"])
        }
        let interval = reader.duration(object, "interval", at: path, named: "repository.interval")
        var auth = RepositoryAuth()
        if let authValue = object["auth"], let authObject = reader.object(authValue, at: path + ["auth"], named: "repository.auth") {
            reader.rejectUnknownKeys(of: authObject, allowed: authKeys, at: path + ["auth"], context: "in repository.auth")
            auth.usernameEnv = reader.string(authObject, "usernameEnv", at: path + ["auth"], named: "repository.auth.usernameEnv")
            auth.passwordEnv = reader.string(authObject, "passwordEnv", at: path + ["auth"], named: "repository.auth.passwordEnv")
            auth.tokenEnv = reader.string(authObject, "tokenEnv", at: path + ["auth"], named: "repository.auth.tokenEnv")
            auth.sshKeyEnv = reader.string(authObject, "sshKeyEnv", at: path + ["auth"], named: "repository.auth.sshKeyEnv")
        }
        guard let url, !url.isEmpty else { return nil }
        return RepositoryConfiguration(url: url, interval: interval ?? defaultInterval, auth: auth)
    }
}

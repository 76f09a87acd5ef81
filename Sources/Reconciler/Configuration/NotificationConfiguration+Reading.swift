import Manifests

/// Reading `notifications` and `links` (see `NotificationTarget`): every problem with its line,
/// unknown keys, types and event names with "did you mean".
extension MooringConfiguration {
    static let notificationKeys = [
        "name", "type", "urlEnv", "urlFile", "tokenEnv", "tokenFile", "secretEnv", "secretFile",
        "apiURL", "repository", "events", "environments", "template",
    ]

    static func readNotifications(_ value: JSON, environments: [String], repositoryURL: String?,
                                  with reader: inout ConfigurationReader) -> [NotificationTarget] {
        let path = ["notifications"]
        guard let items = value.arrayValue else {
            reader.report("notifications must be a list of targets (each with name and type), not \(value.typeName)", at: path)
            return []
        }
        var targets: [NotificationTarget] = []
        var names: Set<String> = []
        for (index, item) in items.enumerated() {
            let itemPath = path + [String(index)]
            guard let object = reader.object(item, at: itemPath, named: "notification \(index + 1)") else { continue }
            let name = reader.string(object, "name", at: itemPath, named: "name of notification \(index + 1)")
            let context = name.map { "in notification \"\($0)\"" } ?? "in notification \(index + 1)"
            reader.rejectUnknownKeys(of: object, allowed: notificationKeys, at: itemPath, context: context)
            let before = reader.problems.count
            if name == nil, object["name"] == nil { reader.report("notification \(index + 1) needs a name", at: itemPath) }
            if let name, !names.insert(name).inserted {
                reader.report("two notifications are named \"\(name)\": names must be unique", at: itemPath + ["name"])
            }
            guard let kind = readKind(object, at: itemPath, context: context, with: &reader) else { continue }
            var target = NotificationTarget(name: name ?? "", kind: kind,
                                            events: kind.isCommitStatus ? NotificationEventKind.commitStatusSelection
                                                                        : NotificationEventKind.defaultSelection)
            target.url = readSecret(object, "url", at: itemPath, context: context, with: &reader)
            target.token = readSecret(object, "token", at: itemPath, context: context, with: &reader)
            target.signingSecret = readSecret(object, "secret", at: itemPath, context: context, with: &reader)
            target.apiURL = reader.string(object, "apiURL", at: itemPath, named: "apiURL \(context)")
            target.repository = reader.string(object, "repository", at: itemPath, named: "repository \(context)")
            checkDestination(&target, object: object, at: itemPath, context: context, repositoryURL: repositoryURL, with: &reader)
            if let events = object["events"], !events.isNull {
                target.events = readEvents(events, at: itemPath + ["events"], context: context, with: &reader)
            }
            if let names = object["environments"], !names.isNull {
                target.environments = readEnvironmentFilter(names, known: environments, at: itemPath + ["environments"],
                                                            context: context, with: &reader)
            }
            if let text = reader.string(object, "template", at: itemPath, named: "template \(context)") {
                target.template = ConfiguredTemplate(text: text, file: reader.file, line: reader.line(of: itemPath + ["template"]))
            }
            if reader.problems.count == before { targets.append(target) }
        }
        return targets
    }

    static func readLinks(_ value: JSON, with reader: inout ConfigurationReader) -> NotificationLinks {
        let path = ["links"]
        guard let object = reader.object(value, at: path, named: "links") else { return NotificationLinks() }
        reader.rejectUnknownKeys(of: object, allowed: NotificationLinks.keys, at: path, context: "in links")
        func template(_ key: String) -> ConfiguredTemplate? {
            reader.string(object, key, at: path, named: "links.\(key)").map {
                ConfiguredTemplate(text: $0, file: reader.file, line: reader.line(of: path + [key]))
            }
        }
        return NotificationLinks(commit: template("commit"), dashboard: template("dashboard"))
    }

    private static func readKind(_ object: JSONObject, at path: ConfigurationPath, context: String,
                                 with reader: inout ConfigurationReader) -> NotificationTarget.Kind? {
        let names = NotificationTarget.Kind.allCases.map(\.rawValue)
        guard let word = reader.string(object, "type", at: path, named: "type \(context)") else {
            if object["type"] == nil { reader.report("missing type \(context): one of \(names.joined(separator: ", "))", at: path) }
            return nil
        }
        guard let kind = NotificationTarget.Kind(rawValue: word) else {
            reader.report(reader.unknownWord("type \"\(word)\" \(context)", word, among: names), at: path + ["type"])
            return nil
        }
        return kind
    }

    /// `<stem>Env` or `<stem>File`, at most one of them.
    private static func readSecret(_ object: JSONObject, _ stem: String, at path: ConfigurationPath, context: String,
                                   with reader: inout ConfigurationReader) -> NotificationTarget.SecretSource? {
        let variable = reader.string(object, stem + "Env", at: path, named: "\(stem)Env \(context)")
        let file = reader.string(object, stem + "File", at: path, named: "\(stem)File \(context)")
        switch (variable, file) {
        case (let name?, nil):
            if name.isEmpty { reader.report("\(stem)Env \(context) is empty: name an environment variable", at: path + [stem + "Env"]) }
            return .environment(name)
        case (nil, let file?): return .file(file)
        case (_?, _?):
            reader.report("\(context) has both \(stem)Env and \(stem)File: keep one", at: path + [stem + "File"])
            return nil
        case (nil, nil): return nil
        }
    }

    /// What each type needs to reach its receiver, and nothing it would ignore.
    private static func checkDestination(_ target: inout NotificationTarget, object: JSONObject, at path: ConfigurationPath,
                                         context: String, repositoryURL: String?, with reader: inout ConfigurationReader) {
        let kind = target.kind
        if kind.isCommitStatus {
            if target.url != nil { reader.report("\(kind.rawValue) sends to the forge's API: use tokenEnv (and apiURL), not a URL, \(context)", at: path) }
            if target.token == nil { reader.report("\(kind.rawValue) needs tokenEnv or tokenFile (an API token) \(context)", at: path) }
            if target.repository == nil {
                target.repository = ForgeRepository.derive(kind: kind, fromRepositoryURL: repositoryURL)
                if target.repository == nil {
                    let what = kind == .githubStatus ? "owner/repo" : "the project's id or path (group/project)"
                    reader.report("\(kind.rawValue) needs repository: \(what) \(context) (it cannot be told from repository.url)", at: path)
                }
            }
        } else {
            if target.url == nil { reader.report("\(kind.rawValue) needs urlEnv or urlFile (the webhook URL) \(context)", at: path) }
            for key in ["tokenEnv", "tokenFile", "apiURL", "repository"] where object[key] != nil {
                reader.report("\(key) is for github-status and gitlab-status, not \(kind.rawValue), \(context)", at: path + [key])
            }
        }
        if kind != .webhook {
            for key in ["secretEnv", "secretFile"] where object[key] != nil {
                reader.report("\(key) signs webhook bodies: only type webhook takes it, \(context)", at: path + [key])
            }
        }
        if let apiURL = target.apiURL, !(apiURL.hasPrefix("https://") || apiURL.hasPrefix("http://")) {
            reader.report("apiURL \(context) must be an http(s) URL, not \"\(apiURL)\"", at: path + ["apiURL"])
        }
    }

    private static func readEvents(_ value: JSON, at path: ConfigurationPath, context: String,
                                   with reader: inout ConfigurationReader) -> Set<NotificationEventKind> {
        guard let items = value.arrayValue else {
            reader.report("events \(context) must be a list such as [sync-failed, auto-rollback], not \(value.typeName)", at: path)
            return []
        }
        let names = NotificationEventKind.allCases.map(\.rawValue)
        var events: Set<NotificationEventKind> = []
        for (index, item) in items.enumerated() {
            guard let word = item.stringValue else {
                reader.report("events \(context) must hold event names, not \(item.typeName)", at: path + [String(index)])
                continue
            }
            guard let event = NotificationEventKind(rawValue: word) else {
                reader.report(reader.unknownWord("event \"\(word)\" \(context)", word, among: names), at: path + [String(index)])
                continue
            }
            events.insert(event)
        }
        return events
    }

    private static func readEnvironmentFilter(_ value: JSON, known: [String], at path: ConfigurationPath, context: String,
                                              with reader: inout ConfigurationReader) -> Set<String> {
        guard let items = value.arrayValue else {
            reader.report("environments \(context) must be a list of environment names, not \(value.typeName)", at: path)
            return []
        }
        var names: Set<String> = []
        for (index, item) in items.enumerated() {
            guard let name = item.stringValue, known.contains(name) else {
                let word = item.stringValue ?? item.serialized()
                reader.report(reader.unknownWord("environment \"\(word)\" \(context)", word, among: known), at: path + [String(index)])
                continue
            }
            names.insert(name)
        }
        return names
    }
}

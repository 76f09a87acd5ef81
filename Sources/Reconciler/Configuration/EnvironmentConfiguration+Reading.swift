import Manifests

/// One entry of `environments:` in `mooring.yaml`, read with every problem reported in one pass.
extension EnvironmentConfiguration {
    static let keys = [
        "ref", "path", "cluster", "namespace", "prune", "selfHeal", "healthTimeout", "hookTimeout", "requestTimeout", "timeout",
        "rollbackOnFailure", "allowEmpty", "revertInGit", "ignoreDifferences", "adopt", "adoptFrom", "render",
    ]
    static let clusterKeys = ["kubeconfig", "context"] + rateLimitKeys
    static let ignoreKeys = ["group", "kind", "name", "namespace", "jsonPointers"]

    /// Environment names become a label value and part of a ConfigMap name: a DNS label.
    static func isValidName(_ name: String) -> Bool {
        isValidDNSLabel(name, maxLength: 63 - "mooring-history-".count)
    }

    /// RFC 1123 label: what Kubernetes accepts as a namespace name.
    static func isValidDNSLabel(_ name: String, maxLength: Int = 63) -> Bool {
        guard !name.isEmpty, name.count <= maxLength, let first = name.first, let last = name.last,
              first.isLowercase || first.isNumber, last.isLowercase || last.isNumber
        else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static func read(name: String, _ value: JSON, with reader: inout ConfigurationReader) -> EnvironmentConfiguration? {
        let path = ["environments", name]
        let context = "in environment \"\(name)\""
        if !isValidName(name) {
            reader.report("environment name \"\(name)\" must be lowercase letters, digits and '-' (at most 47 characters)", at: path)
        }
        if value.isNull { return EnvironmentConfiguration(name: name) }
        guard let object = reader.object(value, at: path, named: "environment \"\(name)\"") else { return nil }
        reader.rejectUnknownKeys(of: object, allowed: keys, at: path, context: context)

        var environment = EnvironmentConfiguration(name: name)
        let problemsBefore = reader.problems.count
        environment.ref = reader.string(object, "ref", at: path, named: "ref \(context)")
        if environment.ref?.isEmpty == true {
            reader.report("ref \(context) is empty: leave it out for the default branch", at: path + ["ref"])
        }
        if let folder = reader.string(object, "path", at: path, named: "path \(context)") {
            var cleaned = Substring(folder)
            while cleaned.hasPrefix("./") { cleaned = cleaned.dropFirst(2) }
            while cleaned.hasSuffix("/") { cleaned = cleaned.dropLast() }
            if folder.hasPrefix("/") || cleaned.split(separator: "/").contains("..") {
                reader.report("path \(context) must be a folder inside the repository, not \"\(folder)\"", at: path + ["path"])
            }
            environment.path = cleaned.isEmpty ? "." : String(cleaned)
        }
        if let namespace = reader.string(object, "namespace", at: path, named: "namespace \(context)") {
            if !isValidDNSLabel(namespace) {
                reader.report("namespace \"\(namespace)\" \(context) is not a valid namespace name (lowercase letters, digits and '-', at most 63)", at: path + ["namespace"])
            }
            environment.namespace = namespace
        }
        environment.prune = reader.bool(object, "prune", at: path, named: "prune \(context)") ?? false
        environment.selfHeal = reader.bool(object, "selfHeal", at: path, named: "selfHeal \(context)") ?? false
        environment.rollbackOnFailure = reader.bool(object, "rollbackOnFailure", at: path, named: "rollbackOnFailure \(context)") ?? false
        environment.allowEmpty = reader.bool(object, "allowEmpty", at: path, named: "allowEmpty \(context)") ?? false
        environment.revertInGit = reader.bool(object, "revertInGit", at: path, named: "revertInGit \(context)") ?? false
        environment.adopt = reader.bool(object, "adopt", at: path, named: "adopt \(context)") ?? false
        if let managers = object["adoptFrom"], !managers.isNull {
            environment.adoptFrom = readManagers(managers, at: path + ["adoptFrom"], context: context, with: &reader)
        }
        if let timeout = reader.duration(object, "healthTimeout", at: path, named: "healthTimeout \(context)") {
            environment.healthTimeout = timeout
        }
        if let timeout = reader.duration(object, "requestTimeout", at: path, named: "requestTimeout \(context)") {
            environment.requestTimeout = timeout
        }
        environment.timeout = reader.duration(object, "timeout", at: path, named: "timeout \(context)")
        environment.hookTimeout = reader.duration(object, "hookTimeout", at: path, named: "hookTimeout \(context)")
        if environment.revertInGit && !environment.rollbackOnFailure {
            reader.report("revertInGit needs rollbackOnFailure: true \(context)", at: path + ["revertInGit"])
        }
        environment.render = RenderMode.read(object, at: path, context: context, with: &reader)
        if let cluster = object["cluster"], !cluster.isNull {
            environment.cluster = readCluster(cluster, at: path + ["cluster"], context: context, with: &reader) ?? .local
            if let map = cluster.objectValue {
                environment.clientRateLimit = readRateLimit(map, at: path + ["cluster"], context: context, with: &reader)
            }
        }
        if let ignore = object["ignoreDifferences"], !ignore.isNull {
            environment.ignoreDifferences = readIgnoreDifferences(ignore, at: path + ["ignoreDifferences"], context: context, with: &reader)
        }
        return reader.problems.count == problemsBefore ? environment : nil
    }

    /// `adoptFrom: [flux-client-side-apply, argocd-controller]`: field manager names.
    private static func readManagers(_ value: JSON, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> [String] {
        guard let items = value.arrayValue else {
            reader.report("adoptFrom \(context) must be a list of field manager names, not \(value.typeName)", at: path)
            return []
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            guard let name = item.stringValue, !name.isEmpty else {
                reader.report("adoptFrom \(context) must list field manager names, not \(item.serialized())", at: path + [String(index)])
                continue
            }
            names.append(name)
        }
        return names
    }

    private static func readCluster(_ value: JSON, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> ClusterTarget? {
        if let word = value.stringValue {
            if word == "local" { return .local }
            if word == "in-cluster" { return .inCluster }
            reader.report("unknown cluster \"\(word)\" \(context): use local, in-cluster, or a map with kubeconfig and context", at: path)
            return nil
        }
        guard let object = value.objectValue else {
            reader.report("cluster \(context) must be local, in-cluster or a map with kubeconfig and context, not \(value.typeName)", at: path)
            return nil
        }
        reader.rejectUnknownKeys(of: object, allowed: clusterKeys, at: path, context: "in the cluster \(context)")
        let kubeconfig = reader.string(object, "kubeconfig", at: path, named: "cluster.kubeconfig \(context)")
        let contextName = reader.string(object, "context", at: path, named: "cluster.context \(context)")
        return .kubeconfig(path: kubeconfig, context: contextName)
    }

    private static func readIgnoreDifferences(_ value: JSON, at path: ConfigurationPath, context: String, with reader: inout ConfigurationReader) -> [IgnoreDifferenceRule] {
        guard let items = value.arrayValue else {
            reader.report("ignoreDifferences \(context) must be a list, not \(value.typeName)", at: path)
            return []
        }
        var rules: [IgnoreDifferenceRule] = []
        for (index, item) in items.enumerated() {
            let itemPath = path + [String(index)]
            guard let object = reader.object(item, at: itemPath, named: "ignoreDifferences entry \(index + 1) \(context)") else { continue }
            reader.rejectUnknownKeys(of: object, allowed: ignoreKeys, at: itemPath, context: "in ignoreDifferences \(context)")
            var rule = IgnoreDifferenceRule(jsonPointers: [])
            rule.group = reader.string(object, "group", at: itemPath, named: "ignoreDifferences group \(context)")
            rule.kind = reader.string(object, "kind", at: itemPath, named: "ignoreDifferences kind \(context)")
            rule.name = reader.string(object, "name", at: itemPath, named: "ignoreDifferences name \(context)")
            rule.namespace = reader.string(object, "namespace", at: itemPath, named: "ignoreDifferences namespace \(context)")
            let pointersPath = itemPath + ["jsonPointers"]
            guard let pointers = object["jsonPointers"]?.arrayValue, !pointers.isEmpty else {
                reader.report("ignoreDifferences entry \(index + 1) \(context) needs jsonPointers, a list such as [/spec/replicas]", at: object["jsonPointers"] == nil ? itemPath : pointersPath)
                continue
            }
            for (pointerIndex, pointer) in pointers.enumerated() {
                guard let text = pointer.stringValue, IgnoreDifferenceRule.tokens(of: text) != nil else {
                    reader.report("bad JSON pointer \(pointer.serialized()) in ignoreDifferences \(context): it must start with '/', e.g. /spec/replicas", at: pointersPath + [String(pointerIndex)])
                    continue
                }
                rule.jsonPointers.append(text)
            }
            rules.append(rule)
        }
        return rules
    }
}

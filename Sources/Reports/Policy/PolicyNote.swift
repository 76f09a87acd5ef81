/// A remark a report makes about the manifests, with why it matters and how to fix it.
public struct PolicyNote: Sendable, Hashable {
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        /// A Secret changed; its values are not shown.
        case secretMasked = "secret-masked"
        /// An image referenced by a tag, which can be moved, instead of a digest.
        case mutableImageTag = "mutable-image-tag"
        /// An image referenced by `:latest` or by no tag at all.
        case latestImageTag = "latest-image-tag"
        /// A container without resource requests.
        case missingResourceRequests = "missing-resource-requests"
        /// An unquoted scalar YAML 1.1 reads as a boolean or number where a string is expected.
        case yamlBooleanTrap = "yaml-1.1-trap"
        /// A Namespace the revision no longer has is kept: it holds objects the environment does not track.
        case namespaceNotPruned = "namespace-not-pruned"
    }

    public enum Severity: String, Sendable, Hashable {
        case info
        case warning
    }

    public var rule: Rule
    public var severity: Severity
    /// `Deployment.apps web/django`, when the note is about one object.
    public var object: String?
    /// The field, e.g. `spec.template.spec.containers[name=web].image`.
    public var field: String?
    /// Where it was written, e.g. `environments/develop/deployment.yaml:20`.
    public var location: String?
    /// What was found and why it matters.
    public var message: String
    /// How to fix it.
    public var fix: String

    public init(rule: Rule, severity: Severity, object: String? = nil, field: String? = nil, location: String? = nil,
                message: String, fix: String) {
        self.rule = rule
        self.severity = severity
        self.object = object
        self.field = field
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// `Deployment.apps web/django spec…image: <message> Fix: <fix>`
    public var sentence: String {
        var subject = [object, field].compactMap { $0 }.joined(separator: " ")
        if let location { subject += subject.isEmpty ? location : " (\(location))" }
        return (subject.isEmpty ? "" : "\(subject): ") + "\(message) Fix: \(fix)"
    }
}

/// The name and key rules of `k8s.io/apimachinery/pkg/util/validation/validation.go` (release-1.32),
/// each returning the same messages, in the same order, as its Go original (empty when valid).
enum NameRules {
    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"
    static let configMapKeyFormat = "[-._a-zA-Z0-9]+"

    static func maxLengthError(_ length: Int) -> String { "must be no more than \(length) characters" }
    static let emptyError = "must be non-empty"

    /// `RegexError`: the message, examples, and the regex, punctuated exactly as Go does it.
    static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
        guard !examples.isEmpty else { return message + " (regex used for validation is '" + format + "')" }
        var text = message + " (e.g. "
        for (index, example) in examples.enumerated() {
            if index > 0 { text += " or " }
            text += "'" + example + "', "
        }
        return text + "regex used for validation is '" + format + "')"
    }

    // MARK: - Character classes (the regexes above, spelled out)

    private static func isLowerAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLowercase || c.isNumber) }
    private static func isAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    static func matchesDNS1123Label(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last) && s.allSatisfy { isLowerAlphanumeric($0) || $0 == "-" }
    }

    static func matchesDNS1123Subdomain(_ s: String) -> Bool {
        s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { matchesDNS1123Label(String($0)) }
    }

    static func matchesDNS1035Label(_ s: String) -> Bool {
        guard let first = s.first else { return false }
        return first.isASCII && first.isLowercase && first.isLetter && matchesDNS1123Label(s)
    }

    static func matchesQualifiedName(_ s: String) -> Bool {
        guard let first = s.first, let last = s.last else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last)
            && s.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    // MARK: - Rules

    static func dns1123Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLengthError(63)) }
        if !matchesDNS1123Label(value) {
            if matchesDNS1123Subdomain(value) {
                errors.append("must not contain dots")
            } else {
                errors.append(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                                         dns1123LabelFormat, "my-name", "123-abc"))
            }
        }
        return errors
    }

    static func dns1123Subdomain(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 253 { errors.append(maxLengthError(253)) }
        if !matchesDNS1123Subdomain(value) {
            errors.append(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                                     dns1123SubdomainFormat, "example.com"))
        }
        return errors
    }

    static func dns1035Label(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLengthError(63)) }
        if !matchesDNS1035Label(value) {
            errors.append(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
                                     dns1035LabelFormat, "my-name", "abc-123"))
        }
        return errors
    }

    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"

    /// `IsQualifiedName`: label keys, annotation keys, finalizers (`example.com/Name`).
    static func qualifiedName(_ value: String) -> [String] {
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name: String
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part " + emptyError)
            } else {
                errors += dns1123Subdomain(prefix).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name " + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part " + emptyError)
        } else if name.utf8.count > 63 {
            errors.append("name part " + maxLengthError(63))
        }
        if !matchesQualifiedName(name) {
            errors.append("name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc"))
        }
        return errors
    }

    /// `IsValidLabelValue`.
    static func labelValue(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLengthError(63)) }
        if !value.isEmpty && !matchesQualifiedName(value) {
            errors.append(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                                     labelValueFormat, "MyValue", "my_value", "12345"))
        }
        return errors
    }

    /// `IsConfigMapKey`: keys of ConfigMap and Secret data.
    static func configMapKey(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 253 { errors.append(maxLengthError(253)) }
        let valid = !value.isEmpty && value.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
        if !valid {
            errors.append(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                                     configMapKeyFormat, "key.name", "KEY_NAME", "key-name"))
        }
        if value == "." { errors.append("must not be '.'") }
        else if value == ".." { errors.append("must not be '..'") }
        else if value.hasPrefix("..") { errors.append("must not start with '..'") }
        return errors
    }

    /// `path.IsValidPathSegmentName`: RBAC object names.
    static func pathSegmentName(_ value: String) -> [String] {
        for illegal in [".", ".."] where value == illegal { return ["may not be '\(illegal)'"] }
        return ["/", "%"].filter { value.contains($0) }.map { "may not contain '\($0)'" }
    }

    /// `IsValidPortNum`.
    static func portNumber(_ port: Int64) -> [String] {
        (1...65535).contains(port) ? [] : ["must be between 1 and 65535, inclusive"]
    }
}

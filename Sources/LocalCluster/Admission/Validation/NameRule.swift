/// Which rule an object's `metadata.name` must follow; each kind's `Validate<Kind>Name` picks one.
enum NameRule {
    case dns1123Subdomain
    case dns1123Label
    case dns1035Label
    case pathSegment

    /// The messages for a name; `prefix` is a `generateName`, whose trailing `-` is masked as Go's
    /// `maskTrailingDash` does.
    func errors(_ name: String, prefix: Bool = false) -> [String] {
        var value = name
        if prefix, value.count > 1, value.hasSuffix("-") { value = String(value.dropLast()) + "a" }
        switch self {
        case .dns1123Subdomain: return NameRules.dns1123Subdomain(value)
        case .dns1123Label: return NameRules.dns1123Label(value)
        case .dns1035Label: return NameRules.dns1035Label(value)
        case .pathSegment: return NameRules.pathSegmentName(value)
        }
    }

    /// The rule of a kind (`pkg/apis/*/validation`): Namespaces are labels, Services DNS-1035
    /// labels, RBAC kinds path segments, everything else subdomains.
    static func of(group: String, kind: String) -> NameRule {
        switch (group, kind) {
        case ("", "Namespace"): return .dns1123Label
        case ("", "Service"): return .dns1035Label
        case ("rbac.authorization.k8s.io", _): return .pathSegment
        default: return .dns1123Subdomain
        }
    }
}

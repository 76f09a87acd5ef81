import Manifests

/// Removes the fields `ignoreDifferences` names from an object before it is compared.
enum IgnoredFields {
    /// The JSON pointers (as token lists) that apply to an object.
    static func pointers(for identity: ObjectIdentity, rules: [IgnoreDifferenceRule]) -> [[String]] {
        rules.filter { $0.matches(identity) }.flatMap(\.pointerTokens)
    }

    static func removing(_ pointers: [[String]], from object: JSON) -> JSON {
        pointers.reduce(object) { removing($1[...], from: $0) }
    }

    /// Array tokens are indices, as in RFC 6901; `*` is accepted for "every element".
    private static func removing(_ tokens: ArraySlice<String>, from value: JSON) -> JSON {
        guard let token = tokens.first else { return value }
        let rest = tokens.dropFirst()
        switch value {
        case .object(var object):
            guard let child = object[token] else { return value }
            if rest.isEmpty { object[token] = JSON?.none } else { object[token] = removing(rest, from: child) }
            return .object(object)
        case .array(var items):
            if token == "*" {
                if rest.isEmpty { return .array([]) }
                return .array(items.map { removing(rest, from: $0) })
            }
            guard let index = Int(token), items.indices.contains(index) else { return value }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = removing(rest, from: items[index]) }
            return .array(items)
        default:
            return value
        }
    }

    /// Copies the live values of ignored fields into the object to apply, so an apply does not
    /// undo what another actor (e.g. an autoscaler) owns — Argo CD's RespectIgnoreDifferences.
    static func keepingLiveValues(of pointers: [[String]], in desired: JSON, live: JSON) -> JSON {
        var result = desired
        for tokens in pointers where !tokens.contains(where: { Int($0) != nil || $0 == "*" }) {
            if let liveValue = live[path: tokens] {
                result[path: tokens] = liveValue
            } else {
                result = removing([tokens], from: result)
            }
        }
        return result
    }
}

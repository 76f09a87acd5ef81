import Manifests

/// Reading and writing a value at a JSON pointer, through objects and (by index) arrays: what
/// `--keep` needs to carry one field of the target's object into the promoted one.
enum PointerAccess {
    static func value(at tokens: ArraySlice<String>, in value: JSON) -> JSON? {
        guard let token = tokens.first else { return value }
        switch value {
        case .object(let object):
            return object[token].flatMap { Self.value(at: tokens.dropFirst(), in: $0) }
        case .array(let items):
            guard let index = Int(token), items.indices.contains(index) else { return nil }
            return Self.value(at: tokens.dropFirst(), in: items[index])
        default:
            return nil
        }
    }

    /// Sets (or with `nil` removes) the value. Missing objects on the way are created when
    /// setting; a path through a missing array element or a scalar is left alone.
    static func set(_ newValue: JSON?, at tokens: ArraySlice<String>, in value: inout JSON) {
        guard let token = tokens.first else {
            if let newValue { value = newValue }
            return
        }
        switch value {
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { return }
            if tokens.count == 1, newValue == nil {
                items.remove(at: index)
            } else {
                set(newValue, at: tokens.dropFirst(), in: &items[index])
            }
            value = .array(items)
        case .object(var object):
            if tokens.count == 1 {
                object[token] = newValue
            } else if var child = object[token] {
                set(newValue, at: tokens.dropFirst(), in: &child)
                object[token] = child
            } else if newValue != nil {
                var child = JSON.object(JSONObject())
                set(newValue, at: tokens.dropFirst(), in: &child)
                object[token] = child
            }
            value = .object(object)
        default:
            return
        }
    }
}

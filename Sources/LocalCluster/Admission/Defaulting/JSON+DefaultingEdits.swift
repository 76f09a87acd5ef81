import Manifests

/// Small in-place edits that read like the Go defaulting functions they copy
/// (`if obj.DNSPolicy == "" { obj.DNSPolicy = … }`).
///
/// Each edit lets go of the parent's reference before changing a member, so nested objects are
/// changed where they are instead of being copied at every level.
extension JSON {
    /// Sets `key` when absent or null: a nil pointer in Go.
    mutating func defaultIfNil(_ key: String, _ value: @autoclosure () -> JSON) {
        editMembers { members in
            if members[key] == nil || members[key] == .null { members[key] = value() }
        }
    }

    /// Sets `key` when absent, null or `""`: an empty Go string.
    mutating func defaultIfEmpty(_ key: String, _ value: @autoclosure () -> JSON) {
        editMembers { members in
            if members[key] == nil || members[key] == .null || members[key] == "" { members[key] = value() }
        }
    }

    /// Sets `key` when absent, null or `0`: a zero Go integer.
    mutating func defaultIfZero(_ key: String, _ value: @autoclosure () -> JSON) {
        editMembers { members in
            if members[key] == nil || members[key] == .null || members[key]?.intValue == 0 { members[key] = value() }
        }
    }

    /// Edits the object at `key` if there is one (a Go pointer that may be nil).
    mutating func update(_ key: String, _ change: (inout JSON) -> Void) {
        editMembers { members in
            guard var child = members[key], child.objectValue != nil else { return }
            members[key] = .null
            change(&child)
            members[key] = child
        }
    }

    /// Edits the object at `key`, creating it when absent (a Go struct field, which always exists).
    mutating func updateStruct(_ key: String, _ change: (inout JSON) -> Void) {
        editMembers { members in
            var child = members[key] ?? .object(JSONObject())
            if child.objectValue == nil { child = .object(JSONObject()) }
            members[key] = .null
            change(&child)
            members[key] = child
        }
    }

    /// Edits every object element of the list at `key`.
    mutating func updateEach(_ key: String, _ change: (inout JSON) -> Void) {
        editMembers { members in
            guard case .array(var items)? = members[key] else { return }
            members[key] = .null
            for index in items.indices where items[index].objectValue != nil { change(&items[index]) }
            members[key] = .array(items)
        }
    }

    /// Runs `body` on this object's members without copying them; does nothing to non-objects.
    mutating func editMembers(_ body: (inout JSONObject) -> Void) {
        guard case .object(var members) = self else { return }
        self = .null
        body(&members)
        self = .object(members)
    }

    /// A Go `map[string]string` field as an object (empty when absent).
    var stringMap: JSONObject { objectValue ?? JSONObject() }
}

import Manifests

/// Small in-place edits that read like the Go defaulting functions they copy
/// (`if obj.DNSPolicy == "" { obj.DNSPolicy = … }`).
extension JSON {
    /// Sets `key` when absent or null: a nil pointer in Go.
    mutating func defaultIfNil(_ key: String, _ value: @autoclosure () -> JSON) {
        if self[key] == nil || self[key] == .null { self[key] = value() }
    }

    /// Sets `key` when absent, null or `""`: an empty Go string.
    mutating func defaultIfEmpty(_ key: String, _ value: @autoclosure () -> JSON) {
        if self[key] == nil || self[key] == .null || self[key] == "" { self[key] = value() }
    }

    /// Sets `key` when absent, null or `0`: a zero Go integer.
    mutating func defaultIfZero(_ key: String, _ value: @autoclosure () -> JSON) {
        if self[key] == nil || self[key] == .null || self[key]?.intValue == 0 { self[key] = value() }
    }

    /// Edits the object at `key` if there is one (a Go pointer that may be nil).
    mutating func update(_ key: String, _ change: (inout JSON) -> Void) {
        guard var child = self[key], child.objectValue != nil else { return }
        change(&child)
        self[key] = child
    }

    /// Edits the object at `key`, creating it when absent (a Go struct field, which always exists).
    mutating func updateStruct(_ key: String, _ change: (inout JSON) -> Void) {
        guard objectValue != nil else { return }
        var child = self[key] ?? .object(JSONObject())
        if child.objectValue == nil { child = .object(JSONObject()) }
        change(&child)
        self[key] = child
    }

    /// Edits every object element of the list at `key`.
    mutating func updateEach(_ key: String, _ change: (inout JSON) -> Void) {
        guard case .array(var items) = self[key] else { return }
        for index in items.indices where items[index].objectValue != nil { change(&items[index]) }
        self[key] = .array(items)
    }

    /// A Go `map[string]string` field as an object (empty when absent).
    var stringMap: JSONObject { objectValue ?? JSONObject() }
}

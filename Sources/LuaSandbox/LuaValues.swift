internal import CLua
import Manifests

/// Converts between `JSON` and Lua values, the way Argo CD hands objects to its scripts: objects
/// become tables keyed by field name, arrays 1-based tables, integers Lua integers, null nil.
enum LuaValues {
    /// How deep a returned table may nest; deeper (or cyclic) tables are refused.
    static let maximumDepth = 64

    /// Pushes `value` onto the stack. Called with the memory limit lifted, so it cannot raise.
    static func push(_ value: JSON, on state: OpaquePointer) {
        guard lua_checkstack(state, 3) != 0 else { lua_pushnil(state); return }
        switch value {
        case .null: lua_pushnil(state)
        case .bool(let flag): lua_pushboolean(state, flag ? 1 : 0)
        case .int(let number): lua_pushinteger(state, lua_Integer(number))
        case .double(let number): lua_pushnumber(state, number)
        case .string(let text): pushString(text, on: state)
        case .array(let items):
            lua_createtable(state, Int32(clamping: items.count), 0)
            for (index, item) in items.enumerated() {
                push(item, on: state)
                lua_rawseti(state, -2, lua_Integer(index + 1))
            }
        case .object(let object):
            lua_createtable(state, 0, Int32(clamping: object.count))
            for (key, item) in object {
                pushString(key, on: state)
                push(item, on: state)
                lua_rawset(state, -3)
            }
        }
    }

    private static func pushString(_ text: String, on state: OpaquePointer) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(state, $0.baseAddress, $0.count) }
        }
    }

    /// The value at `index` as JSON: tables with keys 1…n become arrays, other tables objects
    /// (keys sorted, numbers written as text), an empty table an empty object. Only raw accesses,
    /// so no metamethod of the script's runs here.
    static func read(at index: Int32, on state: OpaquePointer) throws(LuaError) -> JSON {
        var open: Set<UnsafeRawPointer> = []
        return try read(at: lua_absindex(state, index), on: state, depth: 0, open: &open)
    }

    private static func read(at index: Int32, on state: OpaquePointer, depth: Int,
                             open: inout Set<UnsafeRawPointer>) throws(LuaError) -> JSON {
        switch lua_type(state, index) {
        case LUA_TNIL, LUA_TNONE: return .null
        case LUA_TBOOLEAN: return .bool(lua_toboolean(state, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(state, index) != 0 { return .int(Int64(lua_tointegerx(state, index, nil))) }
            let number = lua_tonumberx(state, index, nil)
            return number.isFinite ? .double(number) : .null
        case LUA_TSTRING: return .string(string(at: index, on: state))
        case LUA_TTABLE: return try table(at: index, on: state, depth: depth, open: &open)
        case let type:
            throw LuaError(.result, "cannot return a \(String(cString: lua_typename(state, type))) value")
        }
    }

    private static func table(at index: Int32, on state: OpaquePointer, depth: Int,
                              open: inout Set<UnsafeRawPointer>) throws(LuaError) -> JSON {
        guard depth < maximumDepth, lua_checkstack(state, 3) != 0 else {
            throw LuaError(.result, "the returned table nests deeper than \(maximumDepth) levels")
        }
        guard let identity = lua_topointer(state, index), open.insert(identity).inserted else {
            throw LuaError(.result, "the returned table contains itself")
        }
        defer { open.remove(identity) }
        var named: [(String, JSON)] = []
        var numbered: [(Int64, JSON)] = []
        lua_pushnil(state)
        while lua_next(state, index) != 0 {
            defer { lua_settop(state, -2) }  // pop the value, keep the key for lua_next
            let value = try read(at: lua_gettop(state), on: state, depth: depth + 1, open: &open)
            switch lua_type(state, -2) {
            case LUA_TSTRING: named.append((string(at: -2, on: state), value))
            case LUA_TNUMBER where lua_isinteger(state, -2) != 0: numbered.append((Int64(lua_tointegerx(state, -2, nil)), value))
            default:
                throw LuaError(.result, "the returned table has a key that is neither a string nor an integer")
            }
        }
        numbered.sort { $0.0 < $1.0 }
        if named.isEmpty, !numbered.isEmpty, numbered.enumerated().allSatisfy({ $0.offset + 1 == $0.element.0 }) {
            return .array(numbered.map(\.1))
        }
        let pairs = named + numbered.map { (String($0.0), $0.1) }
        return .object(JSONObject(pairs.sorted { $0.0 < $1.0 }))
    }

    /// The string at `index` (only for values of string type: converting a number in place would
    /// confuse `lua_next`).
    private static func string(at index: Int32, on state: OpaquePointer) -> String {
        var length = 0
        guard let text = lua_tolstring(state, index, &length) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
    }
}

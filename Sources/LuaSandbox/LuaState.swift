internal import CLua
import Manifests
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One sandboxed Lua interpreter, used for one run and closed after it. The only type that holds
/// a `lua_State` pointer; nothing outside this module sees one.
///
/// Only the base, string, table and math libraries are opened, less what reaches outside the
/// interpreter or around the limits: `load`, `loadfile`, `dofile`, `require`, `collectgarbage`,
/// `print`, `warn` and `string.dump`. No `os`, `io`, `debug`, `package` or `coroutine`, and no
/// finalizers (`__gc`), which Lua would run with the instruction budget switched off.
///
/// Lua raises errors by `longjmp`, which must never skip a Swift frame, so every call that could
/// raise one while Swift is on the stack runs with the memory limit lifted (only a real
/// out-of-memory could raise then), and the script itself runs under `lua_pcall`.
final class LuaState {
    private let state: OpaquePointer
    private let limits: UnsafeMutablePointer<mooring_lua_limits>

    /// Globals removed from the base and string libraries.
    static let removedGlobals = ["load", "loadfile", "dofile", "require", "collectgarbage", "print", "warn", "loadstring"]

    /// Run before the script: names Lua 5.1 scripts (Argo CD's gopher-lua) use that Lua 5.4
    /// dropped, and a `setmetatable` that refuses `__gc`. Lua runs finalizers with hooks off, so a
    /// finalizer would be the one place the instruction budget could not stop a loop; only tables
    /// whose metatable has `__gc` when it is set get one, so refusing it there is enough.
    static let prelude = """
        unpack = table.unpack
        table.getn = function(t) return #t end
        math.pow = function(x, y) return x ^ y end
        local set = setmetatable
        setmetatable = function(t, mt)
          if type(mt) == "table" and rawget(mt, "__gc") ~= nil then error("__gc metamethods are not allowed", 2) end
          return set(t, mt)
        end
        """

    init() {
        limits = .allocate(capacity: 1)
        limits.initialize(to: mooring_lua_limits(used: 0, limit: Int.max, budget_exhausted: 0))
        guard let state = lua_newstate(sandboxAllocator, limits) else {
            preconditionFailure("lua_newstate failed: out of memory")
        }
        self.state = state
        openSandboxLibraries()
    }

    deinit {
        lua_close(state)  // no finalizer can run here: the prelude refuses `__gc`
        limits.deinitialize(count: 1)
        limits.deallocate()
    }

    private func openSandboxLibraries() {
        let libraries: [(String, lua_CFunction)] = [("_G", luaopen_base), ("string", luaopen_string),
                                                     ("table", luaopen_table), ("math", luaopen_math)]
        for (name, open) in libraries {
            luaL_requiref(state, name, open, 1)
            lua_settop(state, -2)
        }
        for name in Self.removedGlobals {
            lua_pushnil(state)
            lua_setglobal(state, name)
        }
        lua_getglobal(state, "string")
        lua_pushnil(state)
        lua_setfield(state, -2, "dump")
        lua_settop(state, -2)
        _ = try? run(source: Self.prelude, name: "prelude", limits: nil)
    }

    /// Sets global `name` to `value` (objects become tables, arrays 1-based tables, null nil).
    func setGlobal(_ name: String, _ value: JSON) {
        LuaValues.push(value, on: state)
        lua_setglobal(state, name)
    }

    /// Compiles `source` without running it (text only: precompiled chunks are refused).
    func compile(source: String, name: String) throws(LuaError) {
        try load(source: source, name: name)
        lua_settop(state, -2)
    }

    /// Compiles and runs `source` within `limits` (`nil`: unlimited, for the prelude), returning
    /// its first result.
    func run(source: String, name: String, limits budget: LuaLimits?) throws(LuaError) -> JSON {
        if let budget {
            limits.pointee.limit = limits.pointee.used + budget.memoryBytes
            mooring_lua_set_budget(state, Int32(clamping: budget.instructions))
        }
        defer { limits.pointee.limit = Int.max }
        try load(source: source, name: name)
        let status = lua_pcallk(state, 0, 1, 0, 0, nil)
        limits.pointee.limit = Int.max
        guard status == LUA_OK else {
            let message = errorMessage()
            lua_settop(state, -2)
            if limits.pointee.budget_exhausted != 0 {
                throw LuaError(.instructionBudget, message.isEmpty ? "instruction budget exceeded" : message)
            }
            if status == LUA_ERRMEM {
                throw LuaError(.memory, "\(name): memory limit of \(budget?.memoryDescription ?? "the process") exceeded")
            }
            throw LuaError(.runtime, message)
        }
        defer { lua_settop(state, -2) }
        return try LuaValues.read(at: -1, on: state)
    }

    private func load(source: String, name: String) throws(LuaError) {
        let status = source.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(state, chars.baseAddress, chars.count, "=" + name, "t")
            }
        } ?? Array(source.utf8).withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                luaL_loadbufferx(state, chars.baseAddress, chars.count, "=" + name, "t")
            }
        }
        guard status == LUA_OK else {
            let message = errorMessage()
            lua_settop(state, -2)
            if status == LUA_ERRMEM { throw LuaError(.memory, "\(name): not enough memory to compile the script") }
            throw LuaError(.syntax, message)
        }
    }

    /// The error object on top of the stack as text, without calling any metamethod.
    private func errorMessage() -> String {
        switch lua_type(state, -1) {
        case LUA_TSTRING, LUA_TNUMBER:
            var length = 0
            guard let text = lua_tolstring(state, -1, &length) else { return "" }
            return String(decoding: UnsafeRawBufferPointer(start: text, count: length), as: UTF8.self)
        default:
            return "(error object is a \(String(cString: lua_typename(state, lua_type(state, -1)))) value)"
        }
    }
}

/// The allocator of every sandboxed state: counts bytes in the `mooring_lua_limits` it is given and
/// refuses growth past the limit, which Lua turns into a "not enough memory" error. Shrinking
/// never fails, as Lua requires.
private let sandboxAllocator: lua_Alloc = { userData, pointer, oldSize, newSize in
    let limits = userData!.assumingMemoryBound(to: mooring_lua_limits.self)
    let old = pointer == nil ? 0 : oldSize  // for a new block, oldSize is the object's type
    if newSize == 0 {
        free(pointer)
        limits.pointee.used -= old
        return nil
    }
    if newSize > old, limits.pointee.used - old + newSize > limits.pointee.limit { return nil }
    guard let resized = realloc(pointer, newSize) else { return nil }
    limits.pointee.used = limits.pointee.used - old + newSize
    return resized
}

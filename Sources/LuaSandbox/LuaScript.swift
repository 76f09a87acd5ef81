import Manifests

/// A Lua 5.4 script, checked for syntax once and run in a fresh sandbox each time, so nothing one
/// run leaves behind (a global, a metatable) reaches the next. A run gets its inputs as globals and
/// hands back its first return value as JSON.
///
/// ```swift
/// let script = try LuaScript(source: "return { status = obj.status.phase }", name: "phase.lua")
/// script.run(globals: ["obj": pod])   // .success(["status": "Running"])
/// ```
///
/// See `LuaState` for what the sandbox leaves out and `LuaLimits` for the budget of a run.
public struct LuaScript: Sendable, Hashable {
    public let source: String
    /// Shown in Lua's messages before the line: `checks/certificate.lua:7: …`.
    public let name: String

    /// - Throws: `LuaError` of kind `.syntax` with Lua's message naming `name` and the line.
    public init(source: String, name: String) throws(LuaError) {
        self.source = source
        self.name = name
        try LuaState().compile(source: source, name: name)
    }

    /// Runs the script with `globals` set; never traps, whatever the script does.
    public func run(globals: [String: JSON] = [:], limits: LuaLimits = LuaLimits()) -> Result<JSON, LuaError> {
        let state = LuaState()
        for (name, value) in globals.sorted(by: { $0.key < $1.key }) { state.setGlobal(name, value) }
        do {
            return .success(try state.run(source: source, name: name, limits: limits))
        } catch {
            return .failure(error)
        }
    }
}

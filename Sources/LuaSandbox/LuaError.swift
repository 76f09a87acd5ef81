/// Why a script did not produce a value, with Lua's own message (which names the script and line,
/// e.g. `checks/certificate.lua:7: attempt to index a nil value (field 'status')`).
public struct LuaError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The source does not compile.
        case syntax
        /// The script raised an error (`error(...)`, indexing nil, calling a missing function, …).
        case runtime
        /// The script ran past `LuaLimits.instructions` (an endless loop, usually).
        case instructionBudget
        /// The script tried to allocate past `LuaLimits.memoryBytes`.
        case memory
        /// The script returned something that cannot be read back (a function, a cyclic table, …).
        case result
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

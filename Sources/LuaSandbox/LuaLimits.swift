/// What one run of a script may use. A script over either limit stops with a `LuaError`; it never
/// takes the process down or holds a reconcile up.
public struct LuaLimits: Sendable, Hashable {
    /// Lua VM instructions per run. A health check of a few conditions takes a few hundred; a
    /// million takes about 10 ms, so an endless loop costs no more than that.
    public var instructions: Int
    /// Bytes the script may allocate on top of the globals it is given (the object it assesses).
    public var memoryBytes: Int

    public init(instructions: Int = 1_000_000, memoryBytes: Int = 16 << 20) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
    }

    /// `16 MiB`, for messages.
    var memoryDescription: String {
        memoryBytes >= 1 << 20 && memoryBytes % (1 << 20) == 0 ? "\(memoryBytes >> 20) MiB" : "\(memoryBytes) bytes"
    }
}

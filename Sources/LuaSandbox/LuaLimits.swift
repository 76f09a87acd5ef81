/// What one run of a script may use. A script over either limit stops with a `LuaError`; it never
/// takes the process down or holds a reconcile up.
public struct LuaLimits: Sendable, Hashable {
    /// Lua VM instructions per run. A health check of a few conditions takes a few hundred; a
    /// hundred thousand take about 1 ms here, so a script that loops on every object of a large
    /// environment holds each health poll up by about a second per thousand objects, no more.
    public var instructions: Int
    /// Bytes the script may allocate on top of the globals it is given (the object it assesses).
    public var memoryBytes: Int

    public init(instructions: Int = 100_000, memoryBytes: Int = 16 << 20) {
        self.instructions = instructions
        self.memoryBytes = memoryBytes
    }

    /// `16 MiB`, for messages.
    var memoryDescription: String {
        memoryBytes >= 1 << 20 && memoryBytes % (1 << 20) == 0 ? "\(memoryBytes >> 20) MiB" : "\(memoryBytes) bytes"
    }
}

import LuaSandbox
import Manifests
import Testing

/// What a script cannot do: reach the machine, load code, run forever or eat memory. Each attempt
/// ends the run with a `LuaError`, and the process carries on.
@Suite struct SandboxTests {
    func failure(_ source: String, limits: LuaLimits = LuaLimits()) throws -> LuaError? {
        if case .failure(let error) = try LuaScript(source: source, name: "escape.lua").run(limits: limits) { return error }
        return nil
    }

    @Test(arguments: [
        ("os.execute('touch /tmp/mooring-escaped')", "escape.lua:1: attempt to index a nil value (global 'os')"),
        ("io.open('/etc/passwd')", "escape.lua:1: attempt to index a nil value (global 'io')"),
        ("require('os')", "escape.lua:1: attempt to call a nil value (global 'require')"),
        ("load('return 1')()", "escape.lua:1: attempt to call a nil value (global 'load')"),
        ("loadstring('return 1')()", "escape.lua:1: attempt to call a nil value (global 'loadstring')"),
        ("dofile('/etc/hostname')", "escape.lua:1: attempt to call a nil value (global 'dofile')"),
        ("loadfile('/etc/hostname')", "escape.lua:1: attempt to call a nil value (global 'loadfile')"),
        ("collectgarbage('stop')", "escape.lua:1: attempt to call a nil value (global 'collectgarbage')"),
        ("debug.sethook()", "escape.lua:1: attempt to index a nil value (global 'debug')"),
        ("package.loadlib('libc.so.6', 'system')", "escape.lua:1: attempt to index a nil value (global 'package')"),
        ("string.dump(function() end)", "escape.lua:1: attempt to call a nil value (field 'dump')"),
        ("coroutine.wrap(function() end)()", "escape.lua:1: attempt to index a nil value (global 'coroutine')"),
    ])
    func librariesOutsideTheSandboxAreAbsent(source: String, message: String) throws {
        #expect(try failure(source) == LuaError(.runtime, message))
    }

    @Test func precompiledChunksAreRefused() throws {
        let error = try #require(throws: LuaError.self) { try LuaScript(source: "\u{1B}Lua", name: "binary.lua") }
        #expect(error.kind == .syntax)
        #expect(error.message.contains("attempt to load a binary chunk"))
    }

    @Test func anEndlessLoopStopsAtTheInstructionBudgetWithItsLine() throws {
        let error = try #require(try failure("local n = 0\nwhile true do\n  n = n + 1\nend"))
        #expect(error.kind == .instructionBudget)
        #expect(error.message.hasPrefix("escape.lua:"))
        #expect(error.message.hasSuffix(": instruction budget exceeded"))
    }

    @Test func catchingTheBudgetErrorDoesNotBuyMoreTime() throws {
        let source = """
            while true do
              pcall(function() while true do end end)
            end
            """
        #expect(try failure(source)?.kind == .instructionBudget)
        let giveUp = "pcall(function() while true do end end)\nreturn { status = 'Healthy' }"
        #expect(try failure(giveUp)?.kind == .instructionBudget)
    }

    @Test func aSmallBudgetIsHonoured() throws {
        let limits = LuaLimits(instructions: 1_000)
        #expect(try failure("for i = 1, 10000 do end", limits: limits)?.kind == .instructionBudget)
        #expect(try failure("for i = 1, 10 do end", limits: limits) == nil)
    }

    @Test func aHugeStringHitsTheMemoryLimit() throws {
        let error = try #require(try failure("local s = string.rep('x', 512 * 1024 * 1024)\nreturn #s"))
        #expect(error == LuaError(.memory, "escape.lua: memory limit of 16 MiB exceeded"))
    }

    @Test func doublingAStringHitsTheMemoryLimit() throws {
        #expect(try failure("local s = 'x'\nwhile true do s = s .. s end")?.kind == .memory)
    }

    @Test func runawayRecursionIsContained() throws {
        let source = "local function deeper(n) return 1 + deeper(n + 1) end\nreturn deeper(1)"
        #expect(try failure(source)?.kind == .instructionBudget)
        // With budget to spare, the stack grows until Lua's limit or the memory cap stops it.
        let error = try #require(try failure(source, limits: LuaLimits(instructions: 500_000_000)))
        #expect(error.kind == .memory || (error.kind == .runtime && error.message.contains("stack overflow")), "\(error)")
    }

    @Test func aGrowingTableHitsTheMemoryLimit() throws {
        let error = try #require(try failure("local t = {}\nlocal i = 0\nwhile true do i = i + 1; t[i] = tostring(i) .. string.rep('y', 100) end",
                                             limits: LuaLimits(instructions: 50_000_000, memoryBytes: 4 << 20)))
        #expect(error.kind == .memory)
    }

    /// Lua runs `__gc` finalizers with hooks off (lgc.c `GCTM`), out of the budget's reach, so a
    /// metatable with `__gc` is refused.
    @Test func aFinalizerCannotBeSetUp() throws {
        let source = """
            local t = setmetatable({}, { __gc = function() while true do end end })
            return { status = "Healthy" }
            """
        #expect(try failure(source) == LuaError(.runtime, "escape.lua:1: __gc metamethods are not allowed"))
        #expect(try failure("return setmetatable({}, { __index = {} })") == nil)
    }

    @Test func theLimitsApplyOnTopOfALargeObject() throws {
        let items = JSON.array((0..<20_000).map { .object(["name": .string("item-\($0)"), "value": .int(Int64($0))]) })
        let result = try LuaScript(source: "return #obj.items", name: "big.lua")
            .run(globals: ["obj": ["items": items]], limits: LuaLimits(memoryBytes: 1 << 20))
        #expect(try result.get() == 20_000)
    }
}

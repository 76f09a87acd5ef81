import LuaSandbox
import Manifests
import Testing

/// The sandboxed interpreter on its own: values in and out, Lua's messages, and the libraries a
/// script gets.
@Suite struct LuaScriptTests {
    func run(_ source: String, obj: JSON = .null, limits: LuaLimits = LuaLimits()) throws -> Result<JSON, LuaError> {
        try LuaScript(source: source, name: "check.lua").run(globals: ["obj": obj], limits: limits)
    }

    @Test func theObjectArrivesAsTablesWithIntegersStillIntegers() throws {
        let pod: JSON = ["metadata": ["name": "web-0"], "status": ["restarts": 3, "ratio": 0.5, "ready": true,
                                                                   "conditions": [["type": "Ready"], ["type": "Initialized"]]]]
        let result = try run("""
            return { name = obj.metadata.name, restarts = obj.status.restarts, ratio = obj.status.ratio,
                     ready = obj.status.ready, second = obj.status.conditions[2].type,
                     count = #obj.status.conditions, missing = obj.spec == nil, text = "r=" .. obj.status.restarts }
            """, obj: pod)
        #expect(try result.get() == ["name": "web-0", "restarts": 3, "ratio": 0.5, "ready": true, "second": "Initialized",
                                     "count": 2, "missing": true, "text": "r=3"])
    }

    @Test func sequencesComeBackAsArraysAndOtherTablesAsObjects() throws {
        #expect(try run("return {'a', 'b', {x = 1}}").get() == ["a", "b", ["x": 1]])
        #expect(try run("return {}").get() == [:])
        #expect(try run("return nil").get() == .null)
        #expect(try run("return {[1] = 'a', [3] = 'c'}").get() == ["1": "a", "3": "c"])
        #expect(try run("return 0/0").get() == .null)
    }

    @Test func lua51NamesArgoCDScriptsUseStillWork() throws {
        #expect(try run("return { table.getn({1, 2, 3}), unpack({7, 8}) }").get() == [3, 7, 8])
        #expect(try run("return math.pow(2, 10)").get() == 1024.0)
    }

    @Test func aSyntaxErrorNamesTheScriptAndLine() {
        #expect(throws: LuaError(.syntax, "check.lua:2: syntax error near 'status'")) {
            try LuaScript(source: "hs = {}\nhs status = 'Healthy'\nreturn hs", name: "check.lua")
        }
    }

    @Test func aRuntimeErrorComesBackWithItsLine() throws {
        let result = try run("local hs = {}\nhs.status = obj.status.phase\nreturn hs", obj: ["metadata": [:]])
        #expect(result == .failure(LuaError(.runtime, "check.lua:2: attempt to index a nil value (field 'status')")))
        #expect(try run("error('custom failure')") == .failure(LuaError(.runtime, "check.lua:1: custom failure")))
        #expect(try run("error({code = 1})") == .failure(LuaError(.runtime, "(error object is a table value)")))
    }

    @Test func returningAFunctionOrACycleIsAnError() throws {
        #expect(try run("return { status = print }").get() == [:])  // print is gone: nil field
        if case .failure(let error) = try run("return { f = function() end }") { #expect(error.kind == .result) } else { Issue.record("accepted a function") }
        if case .failure(let error) = try run("local t = {}; t.self = t; return t") {
            #expect(error == LuaError(.result, "the returned table contains itself"))
        } else { Issue.record("accepted a cycle") }
    }

    @Test func eachRunStartsFromAFreshInterpreter() throws {
        let script = try LuaScript(source: "seen = (seen or 0) + 1\nreturn seen", name: "counter.lua")
        #expect(try script.run().get() == 1)
        #expect(try script.run().get() == 1)
    }

    @Test func metamethodsOfTheReturnedTableAreNotCalledWhileReadingIt() throws {
        let result = try run("""
            return setmetatable({ status = "Healthy" }, { __index = function() error("boom") end,
                                                          __pairs = function() error("boom") end })
            """)
        #expect(try result.get() == ["status": "Healthy"])
    }
}

import LuaSandbox
import Manifests

/// Runs a user's script on a live object the way Argo CD does: the object is the global `obj`, and
/// the script returns a table with `status` (one of Argo CD's health words) and `message`.
///
/// ```lua
/// hs = { status = "Progressing", message = "Waiting for certificate" }
/// if obj.status ~= nil and obj.status.conditions ~= nil then
///   for _, condition in ipairs(obj.status.conditions) do
///     if condition.type == "Ready" and condition.status == "True" then
///       hs.status = "Healthy"; hs.message = condition.message
///     end
///   end
/// end
/// return hs
/// ```
///
/// Whatever goes wrong (a Lua error, a loop past the budget, memory past the cap, a result that is
/// not such a table) makes the object Unknown with the reason, as Argo CD does; it never throws.
enum LuaHealthCheck {
    static func assess(_ object: JSON, with script: HealthScript, limits: LuaLimits) -> HealthAssessment {
        let name = script.script.name
        switch script.script.run(globals: ["obj": object], limits: limits) {
        case .failure(let error):
            return HealthAssessment(.unknown, error.message)
        case .success(let value):
            guard let result = value.objectValue else {
                return HealthAssessment(.unknown, "\(name): expected a table with status and message, not \(luaTypeName(value))")
            }
            guard let word = result["status"]?.stringValue, let status = HealthStatus(rawValue: word) else {
                let got = result["status"].map { $0.stringValue.map { "\"\($0)\"" } ?? luaTypeName($0) } ?? "no status"
                let words = HealthStatus.allCases.map(\.rawValue).joined(separator: ", ")
                return HealthAssessment(.unknown, "\(name): returned \(got); status must be one of \(words)")
            }
            return HealthAssessment(status, text(of: result["message"]))
        }
    }

    private static func text(of message: JSON?) -> String {
        switch message {
        case .string(let text)?: return text
        case .int(let number)?: return String(number)
        case .double(let number)?: return String(number)
        case .bool(let flag)?: return String(flag)
        default: return ""
        }
    }

    /// Lua's name for what a script returned.
    private static func luaTypeName(_ value: JSON) -> String {
        switch value {
        case .null: return "nil"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "a table"
        }
    }
}

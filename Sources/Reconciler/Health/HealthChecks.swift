import LuaSandbox
import Manifests

/// A user's health check: a Lua script written as Argo CD's `resource.customizations.health`
/// scripts are, for the kinds `pattern` matches. It replaces the built-in rule for them.
public struct HealthScript: Sendable, Hashable {
    public var pattern: GroupKindPattern
    public var script: LuaScript

    public init(pattern: GroupKindPattern, script: LuaScript) {
        self.pattern = pattern
        self.script = script
    }

    /// Compiles `source`; `name` is how messages call it (its file path, or where it was written).
    /// - Throws: `LuaError` (`.syntax`) naming `name` and the line.
    public init(pattern: GroupKindPattern, source: String, name: String) throws(LuaError) {
        self.init(pattern: pattern, script: try LuaScript(source: source, name: name))
    }
}

/// The custom health checks in force (`health.scripts` of `mooring.yaml`, plus `--script` for
/// `mooring health`): for each kind, at most one script, chosen as Argo CD chooses its overrides:
/// an exact `group/Kind` first, then the most specific wildcard; among equals, the earlier one.
public struct HealthChecks: Sendable, Hashable {
    public var scripts: [HealthScript]
    /// The budget of each run of a script.
    public var limits: LuaLimits

    public init(scripts: [HealthScript] = [], limits: LuaLimits = LuaLimits()) {
        self.scripts = scripts
        self.limits = limits
    }

    /// Only the built-in rules.
    public static let builtIn = HealthChecks()

    /// The script that assesses `kind`, if any.
    public func script(for kind: GroupKind) -> HealthScript? {
        var best: HealthScript?
        for candidate in scripts where candidate.pattern.matches(kind) {
            if let current = best, candidate.pattern.specificity <= current.pattern.specificity { continue }
            best = candidate
        }
        return best
    }
}

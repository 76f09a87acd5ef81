import Foundation
import LuaSandbox
import Manifests

/// `health` in `mooring.yaml`: custom health checks in Lua, Argo CD's
/// `resource.customizations.health` scripts unchanged, applied in every environment.
///
/// ```yaml
/// health:
///   scripts:
///     cert-manager.io/Certificate: checks/certificate.lua   # a file, relative to mooring.yaml's folder
///     "*.crossplane.io/*":                                   # * in the group, the kind, or both
///       file: checks/crossplane.lua                          # the same, spelled out
///     ConfigMap:                                             # the core group: the kind alone
///       lua: |                                               # or the source inline
///         return { status = "Healthy", message = "" }
/// ```
///
/// Every script is read and compiled when the configuration is loaded, so a missing file or a
/// syntax error is a configuration problem naming its line, like any other.
extension MooringConfiguration {
    static let healthKeys = ["scripts"]
    static let healthScriptKeys = ["file", "lua"]

    /// - Parameter directory: where relative script paths start (the configuration file's folder).
    static func readHealth(_ value: JSON, directory: String, with reader: inout ConfigurationReader) -> HealthChecks {
        let path = ["health"]
        guard let health = reader.object(value, at: path, named: "health") else { return .builtIn }
        reader.rejectUnknownKeys(of: health, allowed: healthKeys, at: path, context: "in health")
        guard let scriptsValue = health["scripts"], !scriptsValue.isNull,
              let scripts = reader.object(scriptsValue, at: path + ["scripts"], named: "health.scripts") else { return .builtIn }
        var checks = HealthChecks()
        for (key, entry) in scripts {
            let entryPath = path + ["scripts", key]
            guard let pattern = GroupKindPattern(key) else {
                var message = "health.scripts key \"\(key)\" is not group/Kind (the kind alone for the core group; * allowed in either part)"
                if key.contains("_") { message += ": argocd-cm's \(key) is \(key.replacingOccurrences(of: "_", with: "/")) here" }
                reader.report(message, at: entryPath)
                continue
            }
            guard let (source, name) = readSource(entry, for: key, at: entryPath, directory: directory, with: &reader) else { continue }
            do {
                checks.scripts.append(try HealthScript(pattern: pattern, source: source, name: name))
            } catch {
                reader.report("health script for \(key) does not compile: \(error.message)", at: entryPath)
            }
        }
        return checks
    }

    /// The script's source and the name its messages use: its path, or where it is written inline.
    private static func readSource(_ entry: JSON, for key: String, at path: ConfigurationPath, directory: String,
                                   with reader: inout ConfigurationReader) -> (String, String)? {
        if let file = entry.stringValue { return readFile(file, for: key, at: path, directory: directory, with: &reader) }
        guard let object = entry.objectValue else {
            reader.report("health script for \(key) must be a file path or a map with file or lua, not \(entry.typeName)", at: path)
            return nil
        }
        reader.rejectUnknownKeys(of: object, allowed: healthScriptKeys, at: path, context: "in health script \(key)")
        let file = reader.string(object, "file", at: path, named: "file of health script \(key)")
        let lua = reader.string(object, "lua", at: path, named: "lua of health script \(key)")
        switch (file, lua) {
        case let (file?, nil): return readFile(file, for: key, at: path + ["file"], directory: directory, with: &reader)
        case let (nil, source?): return (source, "health.scripts[\(key)]")
        case (_?, _?): reader.report("health script for \(key) has both file and lua: keep one", at: path)
        case (nil, nil): reader.report("health script for \(key) needs file (a path) or lua (the source)", at: path)
        }
        return nil
    }

    private static func readFile(_ file: String, for key: String, at path: ConfigurationPath, directory: String,
                                 with reader: inout ConfigurationReader) -> (String, String)? {
        let full = file.hasPrefix("/") ? file : URL(fileURLWithPath: directory).appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: full), let source = String(data: data, encoding: .utf8) else {
            let why = FileManager.default.fileExists(atPath: full) ? "it is not readable UTF-8 text" : "no such file"
            reader.report("cannot read health script \(file) for \(key): \(why)", at: path)
            return nil
        }
        return (source, file)
    }
}

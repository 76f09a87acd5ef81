import ArgumentParser
import Foundation
import Manifests
import Reconciler
import Reports

/// `mooring health`: the health of objects saved to files, by the built-in rules, the
/// configuration's Lua checks and `--script` ones; for testing checks before they reach a cluster.
///
/// ```
/// $ mooring health --script cert-manager.io/Certificate=checks/certificate.lua certificate.yaml
/// KIND                          NAMESPACE   NAME   STATUS     MESSAGE
/// Certificate.cert-manager.io   web         tls    Degraded   ConfigError: issuer "letsencrypt" not found
/// ```
struct HealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Assess the health of objects in YAML or JSON files.",
        discussion: """
            Uses the built-in rules, the health.scripts of the configuration (--config, or ./mooring.yaml when \
            it exists) and each --script, which wins over the configuration's for the same kinds. \
            Exit 0 when every object is Healthy or Suspended, 1 otherwise, 2 on an error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .customLong("script"), help: ArgumentHelp("A Lua health check for the kinds group/Kind matches (Kind alone for the core group, * allowed); repeatable.", valueName: "group/Kind=FILE"))
    var scripts: [String] = []

    @Option(help: "The configuration file whose health.scripts apply (default: ./mooring.yaml when it exists).")
    var config: String?

    @Option(help: "text or json.")
    var format: Format = .text

    @Argument(help: "Files of objects: YAML or JSON, several documents, kubectl's Lists; - reads standard input.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file of objects") }
    }

    func run() throws {
        var checks = HealthChecks()
        for argument in scripts { checks.scripts.append(try Self.script(argument)) }
        if let configuration = try loadConfiguration() { checks.scripts += configuration.health.scripts }
        let results = try ObjectFileHealth.assess(files: files, checks: checks) { path in
            path == "-" ? Array(FileHandle.standardInput.readDataToEndOfFile()) : FileManager.default.contents(atPath: path).map(Array.init)
        }
        print(format == .json ? Self.json(results) : Self.table(results))
        if results.contains(where: { ![.healthy, .suspended].contains($0.health.status) }) { throw ExitCode(1) }
    }

    private func loadConfiguration() throws -> MooringConfiguration? {
        if let config { return try MooringConfiguration(contentsOf: config) }
        guard FileManager.default.fileExists(atPath: "mooring.yaml") else { return nil }
        return try MooringConfiguration(contentsOf: "mooring.yaml")
    }

    /// `group/Kind=FILE` into a compiled check.
    static func script(_ argument: String) throws -> HealthScript {
        guard let equals = argument.firstIndex(of: "="), let pattern = GroupKindPattern(String(argument[..<equals])),
              argument.index(after: equals) < argument.endIndex else {
            throw CommandError("--script \(argument): expected group/Kind=FILE, e.g. cert-manager.io/Certificate=checks/certificate.lua")
        }
        let file = String(argument[argument.index(after: equals)...])
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("\(file): cannot read the health script") }
        do {
            return try HealthScript(pattern: pattern, source: String(decoding: data, as: UTF8.self), name: file)
        } catch {
            throw CommandError("\(error.message)")
        }
    }

    static func table(_ results: [AssessedObject]) -> String {
        var rows = [["KIND", "NAMESPACE", "NAME", "STATUS", "MESSAGE"]]
        for result in results {
            rows.append([result.identity.groupKind.description, result.identity.namespace ?? "-", result.identity.name,
                         result.health.status.rawValue, result.health.message])
        }
        return TextTable.render(rows)
    }

    static func json(_ results: [AssessedObject]) -> String {
        let list = results.map { result -> JSON in
            [
                "apiVersion": .string(result.identity.type.apiVersion), "kind": .string(result.identity.kind),
                "namespace": result.identity.namespace.map(JSON.string) ?? .null, "name": .string(result.identity.name),
                "status": .string(result.health.status.rawValue), "message": .string(result.health.message),
                "check": .string(result.check), "file": .string(result.file), "line": .int(Int64(result.line)),
            ]
        }
        return JSON.array(list).prettyPrinted()
    }
}

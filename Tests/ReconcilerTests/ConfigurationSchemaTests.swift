import Foundation
import Manifests
import Reconciler
import TestSupport
import Testing

/// `mooring.schema.json` (what editors validate `mooring.yaml` with) agrees with the loader: the
/// sample configuration and every configuration the tests write that the loader accepts
/// validate against it, checked by Python's `jsonschema` (installed by scripts/install-deps.sh);
/// and a typo the loader refuses, the schema refuses too.
@Suite struct ConfigurationSchemaTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Validates each document; the errors, one line each (`#3: 'prunee' was unexpected`).
    static func schemaErrors(_ documents: [JSON]) async throws -> [String] {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema)
            for index, document in enumerate(json.load(sys.stdin)):
                for error in validator.iter_errors(document):
                    print("#%d %s: %s" % (index, "/".join(str(p) for p in error.absolute_path), error.message))
            """
        let result = try await Command.run("python3", ["-c", script, root + "/mooring.schema.json"],
                                           input: JSON.array(documents).serialized())
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// The configurations written in the tests' sources: multi-line literals with top-level
    /// `repository:` and `environments:`, and the environment fragments the command tests put
    /// under `environments:` (multi-line or one-line), interpolations replaced by a word.
    static func configurationsInTests() throws -> [(source: String, yaml: String)] {
        var found: [(String, String)] = []
        let tests = root + "/Tests"
        let files = FileManager.default.enumerator(atPath: tests)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        for file in files.sorted() {
            let text = try String(contentsOfFile: tests + "/" + file, encoding: .utf8)
            for literal in multiLineLiterals(text) + oneLineLiterals(text) {
                let yaml = literal.replacingOccurrences(of: #"\\\((?:[^()]|\([^()]*\))*\)"#, with: "x", options: .regularExpression)
                if yaml.contains("\nrepository:") || yaml.hasPrefix("repository:") {
                    if yaml.contains("\nenvironments:") { found.append((file, yaml)) }
                } else if yaml.range(of: #"^  [a-z0-9-]+:\n    (ref|cluster|prune|path|healthTimeout): "#, options: .regularExpression) != nil {
                    found.append((file, "repository:\n  url: x\nenvironments:\n" + yaml))
                }
            }
        }
        return found
    }

    /// The contents of `"""` literals, their closing line's indentation removed.
    static func multiLineLiterals(_ text: String) -> [String] {
        var literals: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var lines = current {
                if trimmed.hasPrefix("\"\"\"") {
                    let indent = line.prefix { $0 == " " }.count
                    literals.append(lines.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n") + "\n")
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            } else if line.hasSuffix("\"\"\"") && !trimmed.hasPrefix("///") && line.components(separatedBy: "\"\"\"").count == 2 {
                current = []
            }
        }
        return literals
    }

    /// One-line literals holding `\n` escapes (`"  develop:\n    ref: main\n"`), unescaped.
    static func oneLineLiterals(_ text: String) -> [String] {
        let pattern = #""((?:[^"\\\n]|\\.)*\\n(?:[^"\\\n]|\\.)*)""#
        let expression = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]).replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\\"", with: "\"") }
        }
    }

    @Test func theSampleAndEveryConfigurationTheTestsUseThatTheLoaderAcceptsValidate() async throws {
        var documents: [JSON] = []
        var names: [String] = []
        let sample = try String(contentsOfFile: Self.root + "/mooring.yaml", encoding: .utf8)
        _ = try MooringConfiguration(yaml: sample, file: Self.root + "/mooring.yaml")
        for (source, yaml) in [("mooring.yaml", sample)] + (try Self.configurationsInTests()) {
            // The loader decides what is a valid configuration (files it names must exist, so
            // configurations of health-script tests whose files are written at run time drop out).
            guard (try? MooringConfiguration(yaml: yaml, file: Self.root + "/mooring.yaml")) != nil,
                  let document = try YAML.load(yaml, file: source).first?.value else { continue }
            documents.append(document)
            names.append(source)
        }
        #expect(documents.count >= 20, "found \(documents.count) configurations: \(Set(names).sorted())")
        let errors = try await Self.schemaErrors(documents)
        let explained = errors.map { line -> String in
            let index = Int(line.dropFirst().prefix { $0.isNumber }) ?? 0
            return "\(names[index]) \(line)"
        }
        #expect(errors.isEmpty, "\(explained.joined(separator: "\n"))")
    }

    @Test func aTypoTheLoaderRefusesTheSchemaRefusesToo() async throws {
        let yaml = "repository:\n  url: .\nenvironments:\n  develop:\n    prunee: true\n    healthTimeout: 5 minutes\n"
        #expect(throws: ConfigurationError.self) { try MooringConfiguration(yaml: yaml) }
        let errors = try await Self.schemaErrors([try YAML.load(yaml, file: "typo.yaml")[0].value])
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.contains("'prunee' was unexpected") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("#0 environments/develop/healthTimeout:") }, "\(errors)")
    }
}

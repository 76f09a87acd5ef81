import Foundation
import TestSupport
import Testing
@testable import Manifests

/// The loader and the dumper checked against the real `kubectl`, which reads YAML through
/// sigs.k8s.io/yaml: `kubectl annotate --local -f FILE -o json` parses a file without a cluster.
struct KubectlCrossCheckTests {
    /// Runs kubectl on `yaml` and returns the `data` of the ConfigMap it prints.
    static func kubectlData(of yaml: String) async throws -> JSON {
        let folder = try TemporaryFolder("kubectl-yaml")
        try folder.write("input.yaml", yaml)
        try folder.write("kubeconfig", "")  // never reach whatever cluster the machine is configured for
        let result = try await Command.run("kubectl", ["annotate", "--local", "-f", folder.file("input.yaml"), "mooring.dev/check=1", "-o", "json"],
                                           environment: ["KUBECONFIG": folder.file("kubeconfig")])
        guard result.status == 0 else { throw KubectlFailed(message: result.stderr) }
        return try #require(try JSON(parsing: result.stdout)["data"])
    }

    struct KubectlFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { "kubectl failed: \(message)" }
    }

    /// Keys sorted at every level, so integers vs floats and every value must match exactly.
    static func canonical(_ value: JSON) -> String {
        func sorted(_ value: JSON) -> JSON {
            switch value {
            case .array(let items): return .array(items.map(sorted))
            case .object(let object): return .object(JSONObject(object.keys.sorted().map { ($0, sorted(object[$0]!)) }))
            default: return value
            }
        }
        return sorted(value).serialized()
    }

    static func configMap(data: String) -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: check\ndata:\n" + data
    }

    @Test func loaderAgreesWithKubectl() async throws {
        var data = ""
        for (index, row) in YAMLScalarTests.table.enumerated() where row.expected.doubleValue?.isFinite ?? true {
            data += "  s\(index): \(row.text)\n"
        }
        data += """
          keys: {1: a, 1.5: b, 1e6: c, 0x10: d, true: e, 2.0: f, 0.1: g, -3: h, 017: i, off: j}
          base: &base {image: nginx, replicas: 1, port: 80}
          extra: &extra {replicas: 5, debug: on}
          mergeFirst:
            <<: *base
            port: 8080
          mergeLast:
            port: 8080
            <<: *base
          mergeList:
            <<: [*extra, *base]
            name: x
          alias: *base
          literal: |
            one
              two
          folded: >-
            a
            b
          keep: |+
            kept

          tagged: [!!str 12, !!int "12", !!float 3, !!bool "yes", !!binary aGVsbG8=, !!null "", !custom 5]
          flow: {a: [1, {b: no}], "quoted key": 'single', e: ""}

        """
        let yaml = Self.configMap(data: data)
        let ours = try #require(try YAML.load(yaml, file: "check.yaml").first?.value["data"])
        let theirs = try await Self.kubectlData(of: yaml)
        let oursByKey = try #require(ours.objectValue), theirsByKey = try #require(theirs.objectValue)
        #expect(oursByKey.keys.sorted() == theirsByKey.keys.sorted())
        for key in theirsByKey.keys {
            #expect(Self.canonical(oursByKey[key] ?? .null) == Self.canonical(theirsByKey[key]!), "data.\(key)")
        }
    }

    @Test func kubectlReadsOurDumpAsWeMeantIt() async throws {
        var data = JSONObject()
        for (index, text) in YAMLDumpTests.trickyStrings.enumerated() { data["t\(index)"] = .string(text) }
        data["numbers"] = [0, -1, .int(Int64.max), 1.5, 1e-7, 6.02e23, true, false, nil]
        data["nested"] = ["list": [["a": "yes"], [], [:]], "yes": "key that looks like a boolean", "1.0": "numeric key"]
        let value: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "check"], "data": .object(data)]
        let theirs = try await Self.kubectlData(of: YAML.dump(value))
        #expect(Self.canonical(theirs) == Self.canonical(.object(data)))
    }

    @Test func kubectlAlsoRefusesWhatWeRefuse() async throws {
        for body in ["  ~: 1\n", "  x: .nan\n"] {
            let yaml = Self.configMap(data: body)
            await #expect(throws: KubectlFailed.self) { try await Self.kubectlData(of: yaml) }
            #expect(throws: RenderError.self) { try ManifestRenderer.render(files: [.file("e/x.yaml", yaml)], environmentPath: "e") }
        }
    }
}

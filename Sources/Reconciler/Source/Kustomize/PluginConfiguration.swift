import Manifests

/// The paths inside a kustomize builtin plugin's configuration (a `generators:` or
/// `transformers:` entry, inline or in a file). Paths in it are relative to the kustomization
/// that lists it, as kustomize loads them. Only the builtins that read files name any:
/// `PatchTransformer` and `PatchJson6902Transformer` (`path`), `PatchStrategicMergeTransformer`
/// (`paths`), `ConfigMapGenerator` and `SecretGenerator` (`files`, `envs`, `env`) and
/// `ReplacementTransformer` (`replacements[].path`). Other plugins' `path` keys are field paths
/// (`fieldSpecs: [{path: metadata/labels}]`), not files.
enum PluginConfiguration {
    /// The references of each document of a plugin configuration file or inline text.
    static func references(in documents: [YAMLDocument], field: String) throws -> [KustomizationFile.Reference] {
        var references: [KustomizationFile.Reference] = []
        for document in documents {
            guard let object = document.value.objectValue else { continue }
            func add(_ key: String, _ value: String, pointer: String) {
                let location = SourceLocation(file: document.file, line: document.line(nearPointer: pointer))
                let kind = object["kind"]?.stringValue ?? "plugin"
                references.append(.init(field: "\(field): \(kind) \(key)", value: value, location: location, expectation: .file))
            }
            switch object["kind"]?.stringValue {
            case "PatchTransformer", "PatchJson6902Transformer":
                if let path = object["path"]?.stringValue { add("path", path, pointer: "/path") }
            case "PatchStrategicMergeTransformer":
                for (index, path) in (object["paths"]?.arrayValue ?? []).enumerated() {
                    if let path = path.stringValue { add("paths", path, pointer: "/paths/\(index)") }
                }
            case "ConfigMapGenerator", "SecretGenerator":
                for source in generatorSources(of: document.value) { add(source.key, source.path, pointer: "/" + source.pointer) }
            case "ReplacementTransformer":
                for (index, replacement) in (object["replacements"]?.arrayValue ?? []).enumerated() {
                    if let path = replacement["path"]?.stringValue { add("replacements[\(index)].path", path, pointer: "/replacements/\(index)/path") }
                }
            case "HelmChartInflationGenerator":
                throw KustomizeError.helmChart(SourceLocation(file: document.file, line: document.startLine))
            default:
                continue
            }
        }
        return references
    }

    /// An inline configuration, located at its entry in the kustomization.
    static func references(inline text: String, at location: SourceLocation, field: String) throws -> [KustomizationFile.Reference] {
        let documents: [YAMLDocument]
        do { documents = try YAML.load(text, file: location.file) } catch let error as YAMLError {
            throw KustomizeError.unreadableKustomization(YAMLError(file: location.file, line: location.line, column: error.column,
                                                                   message: "\(field) entry: \(error.message)"))
        }
        return try references(in: documents, field: field).map { reference in
            var reference = reference
            reference.location = location
            return reference
        }
    }

    /// A generator's file sources: `files` (`[key=]path`), `envs`, and the older single `env`.
    static func generatorSources(of generator: JSON) -> [(key: String, path: String, pointer: String)] {
        var sources: [(String, String, String)] = []
        for (index, entry) in (generator["files"]?.arrayValue ?? []).enumerated() {
            guard let text = entry.stringValue else { continue }
            let path = text.firstIndex(of: "=").map { String(text[text.index(after: $0)...]) } ?? text
            sources.append(("files", path, "files/\(index)"))
        }
        for (index, entry) in (generator["envs"]?.arrayValue ?? []).enumerated() {
            if let path = entry.stringValue { sources.append(("envs", path, "envs/\(index)")) }
        }
        if let path = generator["env"]?.stringValue { sources.append(("env", path, "env")) }
        return sources
    }
}

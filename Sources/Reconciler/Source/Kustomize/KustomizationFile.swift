import Manifests

/// One kustomization file as Mooring reads it before kustomize does: its first YAML document, and
/// every local path it names, by field, with the line each is written on.
///
/// The field list is kustomize v5's `Kustomization` type (kustomize rejects unknown fields, so a
/// file path can only hide in these): `resources`, `bases`, `components`, `crds`,
/// `configurations`, `patches[].path`, `patchesJson6902[].path`, `patchesStrategicMerge` (a path
/// or an inline patch), `replacements[].path`, the generators' `files`, `envs` and `env`,
/// `openapi.path`, and `generators` / `transformers` / `validators` (a path, or an inline plugin
/// configuration whose own paths are read too, see ``PluginConfiguration``).
struct KustomizationFile: Sendable {
    /// The names kustomize looks for, in its order.
    static let names = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// A path the file names.
    struct Reference: Sendable, Equatable {
        enum Expectation: Sendable, Equatable {
            /// A manifest file, or a folder holding a kustomization (`resources`, `bases`).
            case resource
            /// A folder holding a kustomization (`components`).
            case kustomization
            /// A file (`patches[].path`, generator `files`, `crds`, …).
            case file
            /// A plugin configuration file, or a folder holding a kustomization that makes them.
            case plugin
        }

        /// Where it is written, e.g. `resources` or `configMapGenerator[0].files`.
        var field: String
        var value: String
        var location: SourceLocation
        var expectation: Expectation
    }

    /// The repository path of the file, e.g. `environments/develop/kustomization.yaml`.
    var path: String
    /// Where its content really is: `path`, or the file a symlink at `path` leads to.
    var storedAt: String
    /// The file as committed (the workspace holds it re-serialised, with other line numbers).
    var bytes: [UInt8]
    /// Its first document (kustomize reads only that one); `nil` for an empty file.
    var document: JSON?
    var references: [Reference]

    init(path: String, storedAt: String? = nil, bytes: [UInt8]) throws {
        self.path = path
        self.storedAt = storedAt ?? path
        self.bytes = bytes
        let documents: [YAMLDocument]
        do { documents = try YAML.load(bytes: bytes, file: path) } catch let error as YAMLError {
            throw KustomizeError.unreadableKustomization(error)
        }
        guard let first = documents.first, !first.value.isNull else {
            self.document = nil
            self.references = []
            return
        }
        self.document = first.value
        var collector = ReferenceCollector(document: first)
        try collector.collect()
        self.references = collector.references
    }
}

/// Walks a kustomization document's fields, collecting references and refusing Helm charts.
private struct ReferenceCollector {
    let document: YAMLDocument
    var references: [KustomizationFile.Reference] = []

    init(document: YAMLDocument) {
        self.document = document
    }

    mutating func collect() throws {
        guard let root = document.value.objectValue else { return }
        for field in ["resources", "bases"] { strings(root, field, as: .resource) }
        strings(root, "components", as: .kustomization)
        for field in ["crds", "configurations"] { strings(root, field, as: .file) }
        for field in ["patches", "patchesJson6902", "replacements"] { memberOfEach(root, field, key: "path") }
        for field in ["configMapGenerator", "secretGenerator"] { generatorSources(root, field) }
        if let path = root["openapi"]?["path"]?.stringValue {
            add("openapi.path", path, pointer: "/openapi/path", as: .file)
        }
        for (index, entry) in (root["patchesStrategicMerge"]?.arrayValue ?? []).enumerated() {
            guard let text = entry.stringValue, !Self.isInline(text) else { continue }
            add("patchesStrategicMerge", text, pointer: "/patchesStrategicMerge/\(index)", as: .file)
        }
        for field in ["generators", "transformers", "validators"] {
            for (index, entry) in (root[field]?.arrayValue ?? []).enumerated() {
                guard let text = entry.stringValue else { continue }
                let pointer = "/\(field)/\(index)"
                if Self.isInline(text) {
                    let location = SourceLocation(file: document.file, line: document.line(nearPointer: pointer))
                    references += try PluginConfiguration.references(inline: text, at: location, field: field)
                } else {
                    add(field, text, pointer: pointer, as: .plugin)
                }
            }
        }
        for field in ["helmCharts", "helmChartInflationGenerator", "helmGlobals"] where root[field] != nil {
            throw KustomizeError.helmChart(SourceLocation(file: document.file, line: document.line(nearPointer: "/" + field)))
        }
    }

    /// An inline patch or plugin configuration rather than a path: kustomize tries a path first,
    /// but a value spanning lines, or a YAML mapping, cannot be one.
    static func isInline(_ text: String) -> Bool {
        text.contains("\n") || text.hasPrefix("{") || text.contains(": ")
    }

    private mutating func strings(_ root: JSONObject, _ field: String, as expectation: KustomizationFile.Reference.Expectation) {
        for (index, entry) in (root[field]?.arrayValue ?? []).enumerated() {
            if let text = entry.stringValue { add(field, text, pointer: "/\(field)/\(index)", as: expectation) }
        }
    }

    private mutating func memberOfEach(_ root: JSONObject, _ field: String, key: String) {
        for (index, entry) in (root[field]?.arrayValue ?? []).enumerated() {
            if let text = entry[key]?.stringValue {
                add("\(field)[\(index)].\(key)", text, pointer: "/\(field)/\(index)/\(key)", as: .file)
            }
        }
    }

    /// A generator's `files` (`[key=]path`), `envs` and `env`.
    private mutating func generatorSources(_ root: JSONObject, _ field: String) {
        for (index, generator) in (root[field]?.arrayValue ?? []).enumerated() {
            for source in PluginConfiguration.generatorSources(of: generator) {
                add("\(field)[\(index)].\(source.key)", source.path, pointer: "/\(field)/\(index)/\(source.pointer)", as: .file)
            }
        }
    }

    private mutating func add(_ field: String, _ value: String, pointer: String, as expectation: KustomizationFile.Reference.Expectation) {
        let location = SourceLocation(file: document.file, line: document.line(nearPointer: pointer))
        references.append(.init(field: field, value: value, location: location, expectation: expectation))
    }
}

import Foundation
import Manifests

/// kustomize's output as rendered objects that name their source: each object's
/// `config.kubernetes.io/origin` annotation (from `buildMetadata: [originAnnotations]`) says the
/// file it came from (`path: ../../base/deployment.yaml`) or the kustomization whose generator
/// made it (`configuredIn: kustomization.yaml`, `configuredBy: {kind: ConfigMapGenerator}`), relative
/// to the overlay. The annotation is removed again unless the kustomization asked for it itself.
enum KustomizeOutput {
    static let originOption = "originAnnotations"
    static let originAnnotation = "config.kubernetes.io/origin"

    /// - Parameters:
    ///   - stdout: what kustomize printed.
    ///   - inputs: the build's inputs (the overlay's folder and kustomization file).
    ///   - stripOrigins: whether the origin annotation was Mooring's addition.
    ///   - readFile: a repository file's bytes (from the workspace), to find the line of an object.
    static func parse(_ stdout: [UInt8], inputs: KustomizeInputs, stripOrigins: Bool,
                      readFile: @escaping (String) -> [UInt8]?) throws -> RenderedEnvironment {
        // The stream is parsed like any manifest file (identities, duplicates, YAML 1.1 traps),
        // under a name that says what it is wherever an object has no origin to name instead.
        let streamName = RevisionTree.joined(inputs.overlay, "(kustomize build).yaml")!
        let stream = try ManifestRenderer.render(files: [SourceFile(path: streamName, content: .file(stdout))],
                                                 environmentPath: inputs.overlay)
        var lines = SourceLines(readFile: readFile)
        var sources: [String: SourceLocation] = [:]
        let objects = stream.objects.map { rendered -> RenderedObject in
            var object = rendered.object
            var source = SourceLocation(file: streamName, line: rendered.source.line)
            if let origin = KustomizeOrigin(of: object, overlay: inputs.overlay) {
                source = lines.location(of: origin, for: rendered.identity)
            }
            if stripOrigins { object = removingOrigin(from: object) }
            sources[rendered.identity.description] = source
            return RenderedObject(identity: rendered.identity, object: object, source: source)
        }
        let warnings = stream.warnings.map { warning -> ManifestWarning in
            var warning = warning
            warning.location = sources[warning.object] ?? SourceLocation(file: streamName, line: warning.location.line)
            return warning
        }
        return RenderedEnvironment(objects: objects, warnings: warnings)
    }

    /// The object without the origin annotation, and without `annotations` if nothing is left.
    static func removingOrigin(from object: JSON) -> JSON {
        guard case .object(var root) = object, case .object(var metadata)? = root["metadata"],
              case .object(var annotations)? = metadata["annotations"] else { return object }
        _ = annotations.removeValue(forKey: originAnnotation)
        if annotations.isEmpty { _ = metadata.removeValue(forKey: "annotations") } else { metadata["annotations"] = .object(annotations) }
        root["metadata"] = .object(metadata)
        return .object(root)
    }
}

/// Where kustomize says an object came from, as a repository path.
struct KustomizeOrigin: Equatable {
    /// The manifest file, or the kustomization whose generator made the object.
    var file: String
    /// The generator's kind (`ConfigMapGenerator`, `SecretGenerator`), `nil` for a manifest.
    var generator: String?

    init?(of object: JSON, overlay: String) {
        guard let text = object[path: ["metadata", "annotations", KustomizeOutput.originAnnotation]]?.stringValue,
              let document = try? YAML.load(text, file: KustomizeOutput.originAnnotation).first?.value else { return nil }
        if let path = document["path"]?.stringValue, document["repo"] == nil, let file = RevisionTree.joined(overlay, path) {
            self.file = file
            self.generator = nil
        } else if let path = document["configuredIn"]?.stringValue, let file = RevisionTree.joined(overlay, path) {
            self.file = file
            self.generator = document["configuredBy"]?["kind"]?.stringValue
        } else {
            return nil
        }
    }
}

/// Finds the line of an object in its source file: the document (or `List` item) of the same
/// kind whose name the rendered name contains (a `namePrefix`, `nameSuffix` or generator hash
/// changes only the ends), or for a generated object its generator's entry in the kustomization.
struct SourceLines {
    let readFile: (String) -> [UInt8]?
    private var documents: [String: [YAMLDocument]] = [:]

    init(readFile: @escaping (String) -> [UInt8]?) {
        self.readFile = readFile
    }

    mutating func location(of origin: KustomizeOrigin, for identity: ObjectIdentity) -> SourceLocation {
        if documents[origin.file] == nil {
            documents[origin.file] = readFile(origin.file).flatMap { try? YAML.load(bytes: $0, file: origin.file) } ?? []
        }
        let loaded = documents[origin.file]!
        let line = origin.generator.map { generatorLine($0, in: loaded, name: identity.name) } ?? objectLine(in: loaded, for: identity)
        return SourceLocation(file: origin.file, line: line ?? 1)
    }

    private func objectLine(in documents: [YAMLDocument], for identity: ObjectIdentity) -> Int? {
        var candidates: [(name: String, line: Int)] = []
        for document in documents {
            let items = document.value["kind"]?.stringValue?.hasSuffix("List") == true ? (document.value["items"]?.arrayValue ?? []) : [document.value]
            let isList = items.count != 1 || items.first != document.value
            for (index, item) in items.enumerated() where item["kind"]?.stringValue == identity.kind {
                guard let name = item[path: ["metadata", "name"]]?.stringValue else { continue }
                candidates.append((name, document.line(nearPointer: isList ? "/items/\(index)" : "")))
            }
        }
        if let exact = candidates.first(where: { $0.name == identity.name }) { return exact.line }
        return candidates.filter { identity.name.contains($0.name) }.max { $0.name.count < $1.name.count }?.line
            ?? (candidates.count == 1 ? candidates[0].line : nil)
    }

    private func generatorLine(_ generator: String, in documents: [YAMLDocument], name: String) -> Int? {
        guard let document = documents.first else { return nil }
        let field = generator == "SecretGenerator" ? "secretGenerator" : "configMapGenerator"
        let entries = document.value[field]?.arrayValue ?? []
        let matching = entries.indices.filter { name.contains(entries[$0]["name"]?.stringValue ?? "\u{0}") }
            .max { (entries[$0]["name"]?.stringValue?.count ?? 0) < (entries[$1]["name"]?.stringValue?.count ?? 0) }
        return document.line(nearPointer: matching.map { "/\(field)/\($0)/name" } ?? "/\(field)")
    }
}

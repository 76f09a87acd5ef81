/// Renders an environment's folder into the objects it declares.
///
/// Input is a list of `SourceFile`s (from a folder or a git tree) and the environment's path;
/// output is every object in file order with its source line, plus warnings. Any problem stops
/// rendering with one `RenderError`: nothing half-understood is handed on to be applied.
public enum ManifestRenderer {
    public static func render(files: [SourceFile], environmentPath: String) throws -> RenderedEnvironment {
        let environment = RepositoryPath.normalized(environmentPath)
        if RepositoryPath(environment).climbs { throw RenderError.parentComponent(file: environmentPath) }
        let manifests = try EnvironmentFiles(files: files, environment: environment).manifests()

        // Files are read on every core; what spans files (a duplicate) is checked after, in
        // file order, so the first problem met is the one reported, as when read one by one.
        let read = ParallelMap.map(manifests, readObjects)
        var objects: [RenderedObject] = []
        var warnings: [ManifestWarning] = []
        var firstDefinition: [ObjectIdentity: SourceLocation] = [:]
        for file in read {
            for (rendered, objectWarnings) in file.objects {
                if let first = firstDefinition[rendered.identity] {
                    throw RenderError.duplicateObject(rendered.identity, first: first, second: rendered.source)
                }
                firstDefinition[rendered.identity] = rendered.source
                warnings += objectWarnings
                objects.append(rendered)
            }
            if let problem = file.problem { throw problem }
        }
        return RenderedEnvironment(objects: objects, warnings: warnings)
    }

    /// One file's objects with their warnings, up to the first problem, if any.
    private struct FileObjects: Sendable {
        var objects: [(RenderedObject, [ManifestWarning])] = []
        var problem: (any Error)?
    }

    private static func readObjects(_ manifest: EnvironmentFiles.Manifest) -> FileObjects {
        var file = FileObjects()
        do {
            for document in try load(manifest) {
                for (object, pointer) in try objectsIn(document.value, at: "", of: document) {
                    let rendered = try identify(object, at: pointer, in: document)
                    file.objects.append((rendered, StringFieldCheck.warnings(for: rendered, at: pointer, in: document)))
                }
            }
        } catch {
            file.problem = error
        }
        return file
    }

    /// Renders an environment of a folder on disk (a working copy), `root` being the repository's root.
    public static func render(directory root: String, environmentPath: String) throws -> RenderedEnvironment {
        try render(files: DirectorySource(root: root).files(under: environmentPath), environmentPath: environmentPath)
    }

    /// Parses a file's documents. JSON goes through libyaml too (for line numbers); should libyaml
    /// balk at valid JSON, the JSON parser takes over, and its error is the one shown otherwise.
    private static func load(_ manifest: EnvironmentFiles.Manifest) throws -> [YAMLDocument] {
        do {
            return try YAML.load(bytes: manifest.bytes, file: manifest.path)
        } catch let yamlError as YAMLError {
            guard manifest.isJSON else { throw RenderError.syntax(yamlError) }
            do {
                let value = try JSON(parsing: manifest.bytes)
                return value.isNull ? [] : [YAMLDocument(file: manifest.path, value: value, startLine: 1)]
            } catch let jsonError as JSONSyntaxError {
                throw RenderError.syntax(YAMLError(file: manifest.path, line: jsonError.line, column: jsonError.column, message: jsonError.message))
            }
        }
    }

    /// A document's objects with their JSON pointers: the document itself, or the items of a
    /// `List` (`kind: List` or any `…List` with `items`), nested lists flattened.
    private static func objectsIn(_ value: JSON, at pointer: String, of document: YAMLDocument) throws -> [(JSON, String)] {
        guard value.objectValue != nil else {
            throw RenderError.notAnObject(SourceLocation(file: document.file, line: document.line(nearPointer: pointer)),
                                          found: value.isNull ? "null" : "a value of type \(value.typeName)")
        }
        guard let kind = value["kind"]?.stringValue, kind.hasSuffix("List"), let items = value["items"]?.arrayValue else {
            return [(value, pointer)]
        }
        let itemsPointer = JSONPointer.appending("items", to: pointer)
        var objects: [(JSON, String)] = []
        for (index, item) in items.enumerated() {
            objects += try objectsIn(item, at: JSONPointer.appending(index, to: itemsPointer), of: document)
        }
        return objects
    }

    /// Checks the fields every object needs and builds its identity.
    private static func identify(_ object: JSON, at pointer: String, in document: YAMLDocument) throws -> RenderedObject {
        func location(_ path: [String]) -> SourceLocation {
            SourceLocation(file: document.file, line: document.line(nearPointer: pointer + JSONPointer.from(path: path)))
        }
        // A hook may leave its name to the reconciler with `metadata.generateName` (as Argo CD
        // hooks do); its identity then carries the prefix, and the reconciler refuses it on
        // anything that is not a hook.
        let generatedName = object[path: ["metadata", "name"]] == nil ? object[path: ["metadata", "generateName"]]?.stringValue : nil
        let namePath = generatedName?.isEmpty == false ? ["metadata", "generateName"] : ["metadata", "name"]
        for path in [["apiVersion"], ["kind"], namePath] {
            let field = path.joined(separator: ".")
            switch object[path: path] {
            case .string(let text) where !text.isEmpty: continue
            case nil, .null, .string: throw RenderError.missingField(location(path), field: field)
            case let found?: throw RenderError.fieldNotAString(location(path), field: field, found: found)
            }
        }
        switch object[path: ["metadata", "namespace"]] {
        case nil, .null, .string: break
        case let found?: throw RenderError.fieldNotAString(location(["metadata", "namespace"]), field: "metadata.namespace", found: found)
        }
        if let field = NonFiniteNumbers.firstPointer(in: object, at: "") {
            throw RenderError.nonFiniteNumber(SourceLocation(file: document.file, line: document.line(nearPointer: pointer + field)),
                                              field: field.split(separator: "/").joined(separator: "."))
        }
        // A document that is one object (nearly all) shares the document's table as it is.
        var fieldLines: [String: Int] = pointer.isEmpty ? document.lines : [:]
        for (fieldPointer, line) in document.lines where !pointer.isEmpty && fieldPointer.hasPrefix(pointer) {
            let relative = String(fieldPointer.dropFirst(pointer.count))
            if relative.isEmpty || relative.hasPrefix("/") { fieldLines[relative] = line }
        }
        let identity = ObjectIdentity(type: GroupVersionKind(apiVersion: object["apiVersion"]!.stringValue!, kind: object["kind"]!.stringValue!),
                                      namespace: object[path: ["metadata", "namespace"]]?.stringValue,
                                      name: object[path: namePath]!.stringValue!)
        return RenderedObject(identity: identity, object: object, source: location([]), fieldLines: fieldLines)
    }
}

/// Finds `.inf` / `.nan`, which YAML can say but JSON cannot.
enum NonFiniteNumbers {
    static func firstPointer(in value: JSON, at pointer: String) -> String? {
        // Pointers are built only on the way to one: nearly every manifest has none.
        guard contains(value) else { return nil }
        switch value {
        case .double(let d) where !d.isFinite: return pointer
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = firstPointer(in: item, at: JSONPointer.appending(index, to: pointer)) { return found }
            }
        case .object(let object):
            for (key, member) in object {
                if let found = firstPointer(in: member, at: JSONPointer.appending(key, to: pointer)) { return found }
            }
        default: break
        }
        return nil
    }

    private static func contains(_ value: JSON) -> Bool {
        switch value {
        case .double(let d): return !d.isFinite
        case .array(let items): return items.contains(where: contains)
        case .object(let object): return object.contains { contains($0.value) }
        default: return false
        }
    }
}

internal import CYAML

/// YAML in and out, with the meaning `kubectl` gives it.
///
/// `load` reads a multi-document stream into values plus source lines; `dump` writes values back
/// as block-style YAML that reads back to the same values.
public enum YAML {
    /// Every non-empty document of a stream; `file` names the source in errors and line tables.
    public static func load(_ text: String, file: String) throws -> [YAMLDocument] {
        try load(bytes: Array(text.utf8), file: file)
    }

    /// The same from raw bytes (UTF-8, or UTF-16 with a byte-order mark, as libyaml accepts).
    public static func load(bytes: [UInt8], file: String) throws -> [YAMLDocument] {
        let parsed = try YAMLEventReader(file: file).read(bytes)
        var documents: [YAMLDocument] = []
        for document in parsed {
            // Generous for real manifests, small enough to stop an alias bomb in well under a second.
            var composer = YAMLComposer(file: file, nodeBudget: 100_000 + 4 * document.writtenNodes)
            let value = try composer.compose(document.root, at: "")
            // A document with no content (only `---`, comments or `~`) is skipped, as kubectl does.
            if value.isNull { continue }
            documents.append(YAMLDocument(file: file, value: value, startLine: document.startLine,
                                          lines: composer.lines, unquotedNonStrings: composer.unquotedNonStrings))
        }
        return documents
    }

    /// One value as a YAML document (no leading `---`), ending with a newline.
    public static func dump(_ value: JSON) -> String {
        YAMLEmitter.emit([value])
    }

    /// Several values as one stream, separated by `---` lines, as `kubectl get -o yaml` prints lists
    /// and `kustomize build` prints its output.
    public static func dumpDocuments(_ values: [JSON]) -> String {
        YAMLEmitter.emit(values)
    }
}

extension YAML {
    /// The linked libyaml's version, e.g. `0.2.5`, for `mooring version`.
    public static var libraryVersion: String { String(cString: yaml_get_version_string()) }
}

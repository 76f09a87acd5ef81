internal import CYAML

/// Drives libyaml's parser over a byte buffer and turns its event stream into one syntax tree
/// per document. libyaml's pointers and structs never leave this file.
struct YAMLEventReader {
    struct ParsedDocument {
        var root: YAMLNode
        var startLine: Int
        /// Nodes as written, before aliases multiply them; bounds how far aliases may expand.
        var writtenNodes: Int
    }

    /// Nesting deeper than this is refused rather than risking the stack in later recursion.
    static let maximumDepth = 512

    let file: String

    func read(_ bytes: [UInt8]) throws -> [ParsedDocument] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLError(file: file, line: 1, column: 1, message: "cannot initialise the YAML parser")
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { buffer in
            // libyaml wants a non-null pointer even for empty input.
            var empty: UInt8 = 0
            let start = buffer.baseAddress ?? withUnsafePointer(to: &empty) { $0 }
            yaml_parser_set_input_string(parser, start, buffer.count)
            return try readEvents(parser, bytes: buffer)
        }
    }

    private func readEvents(_ parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>) throws -> [ParsedDocument] {
        var builder = TreeBuilder(file: file)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw parserError(parser.pointee, bytes: bytes) }
            defer { yaml_event_delete(&event) }
            let mark = YAMLMark(line: event.start_mark.line + 1, column: event.start_mark.column + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return builder.documents
            case YAML_DOCUMENT_START_EVENT:
                builder.startDocument(line: mark.line)
            case YAML_DOCUMENT_END_EVENT:
                builder.endDocument()
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
                let scalar = YAMLScalar(text: text, tag: Self.string(data.tag),
                                        isPlain: data.style == YAML_PLAIN_SCALAR_STYLE, mark: mark)
                try builder.add(.scalar(scalar), anchor: Self.string(data.anchor))
            case YAML_ALIAS_EVENT:
                try builder.addAlias(Self.string(event.data.alias.anchor) ?? "", mark: mark)
            case YAML_SEQUENCE_START_EVENT:
                try builder.open(.sequence, anchor: Self.string(event.data.sequence_start.anchor), mark: mark)
            case YAML_MAPPING_START_EVENT:
                try builder.open(.mapping, anchor: Self.string(event.data.mapping_start.anchor), mark: mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.close()
            default:
                break
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// libyaml's own problem text and mark, plus its context when it gave one.
    private func parserError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if parser.error == YAML_READER_ERROR {
            // Encoding errors carry a byte offset, not a mark.
            let offset = min(parser.problem_offset, bytes.count)
            var line = 1, column = 1
            for byte in bytes[0..<offset] { if byte == 0x0A { line += 1; column = 1 } else { column += 1 } }
            return YAMLError(file: file, line: line, column: column, message: problem)
        }
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return YAMLError(file: file, line: parser.problem_mark.line + 1, column: parser.problem_mark.column + 1, message: message)
    }
}

/// Assembles nodes from start/end events with a stack of open collections.
private struct TreeBuilder {
    enum CollectionKind { case sequence, mapping }

    struct OpenCollection {
        var kind: CollectionKind
        var anchor: String?
        var mark: YAMLMark
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
    }

    let file: String
    var documents: [YAMLEventReader.ParsedDocument] = []
    private var anchors: [String: YAMLNode] = [:]
    private var stack: [OpenCollection] = []
    private var root: YAMLNode?
    private var startLine = 1
    private var writtenNodes = 0

    init(file: String) { self.file = file }

    mutating func startDocument(line: Int) {
        anchors = [:]
        root = nil
        startLine = line
        writtenNodes = 0
    }

    mutating func endDocument() {
        if let root { documents.append(.init(root: root, startLine: startLine, writtenNodes: writtenNodes)) }
        root = nil
    }

    mutating func open(_ kind: CollectionKind, anchor: String?, mark: YAMLMark) throws {
        guard stack.count < YAMLEventReader.maximumDepth else {
            throw YAMLError(file: file, line: mark.line, column: mark.column, message: "nesting deeper than \(YAMLEventReader.maximumDepth) levels")
        }
        stack.append(OpenCollection(kind: kind, anchor: anchor, mark: mark))
    }

    mutating func close() throws {
        let collection = stack.removeLast()
        let node: YAMLNode = collection.kind == .sequence
            ? .sequence(collection.items, mark: collection.mark)
            : .mapping(collection.pairs, mark: collection.mark)
        try add(node, anchor: collection.anchor)
    }

    mutating func addAlias(_ name: String, mark: YAMLMark) throws {
        guard let node = anchors[name] else {
            throw YAMLError(file: file, line: mark.line, column: mark.column, message: "unknown anchor '\(name)' referenced")
        }
        try add(node, anchor: nil)
    }

    mutating func add(_ node: YAMLNode, anchor: String?) throws {
        writtenNodes += 1
        if let anchor { anchors[anchor] = node }
        guard !stack.isEmpty else { root = node; return }
        let top = stack.count - 1
        switch stack[top].kind {
        case .sequence:
            stack[top].items.append(node)
        case .mapping:
            if let key = stack[top].pendingKey {
                stack[top].pairs.append(YAMLPair(key: key, value: node))
                stack[top].pendingKey = nil
            } else {
                stack[top].pendingKey = node
            }
        }
    }
}

internal import CYAML

/// Writes `JSON` values as block-style YAML through libyaml's emitter. libyaml's pointers and
/// structs never leave this file.
enum YAMLEmitter {
    static func emit(_ documents: [JSON]) -> String {
        let sink = OutputSink()
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { preconditionFailure("cannot initialise the YAML emitter") }
        defer { yaml_emitter_delete(emitter) }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, -1)  // never fold long lines
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_output(emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            Unmanaged<OutputSink>.fromOpaque(data).takeUnretainedValue()
                .bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())

        withExtendedLifetime(sink) {
            var writer = EventWriter(emitter: emitter)
            writer.emit { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
            for document in documents {
                writer.emit { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
                writer.write(document)
                writer.emit { yaml_document_end_event_initialize(&$0, 1) }
            }
            writer.emit { yaml_stream_end_event_initialize(&$0) }
            yaml_emitter_flush(emitter)
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// Collects the emitter's output; handed to libyaml's C callback as an opaque pointer.
private final class OutputSink {
    var bytes: [UInt8] = []
}

/// Translates values into emitter events.
private struct EventWriter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>

    func emit(_ initialize: (inout yaml_event_t) -> Int32) {
        var event = yaml_event_t()
        guard initialize(&event) == 1 else { preconditionFailure("cannot create a YAML event") }
        // yaml_emitter_emit takes ownership of the event, also on failure.
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown error"
            preconditionFailure("libyaml emitter: \(problem)")
        }
    }

    mutating func write(_ value: JSON) {
        switch value {
        case .null: scalar("null", style: YAML_PLAIN_SCALAR_STYLE)
        case .bool(let b): scalar(b ? "true" : "false", style: YAML_PLAIN_SCALAR_STYLE)
        case .int(let i): scalar(String(i), style: YAML_PLAIN_SCALAR_STYLE)
        case .double(let d): scalar(Self.floatText(d), style: YAML_PLAIN_SCALAR_STYLE)
        case .string(let s): scalar(s, style: ScalarStyleChoice.style(for: s))
        case .array(let items):
            emit { yaml_sequence_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE) }
            for item in items { write(item) }
            emit { yaml_sequence_end_event_initialize(&$0) }
        case .object(let object):
            emit { yaml_mapping_start_event_initialize(&$0, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE) }
            for (key, member) in object {
                scalar(key, style: ScalarStyleChoice.style(for: key))
                write(member)
            }
            emit { yaml_mapping_end_event_initialize(&$0) }
        }
    }

    private func scalar(_ text: String, style: yaml_scalar_style_t) {
        var bytes = Array(text.utf8)
        bytes.append(0)  // libyaml copies exactly `length` bytes; the terminator only keeps the pointer valid when empty
        bytes.withUnsafeBufferPointer { buffer in
            emit { yaml_scalar_event_initialize(&$0, nil, nil, buffer.baseAddress, Int32(buffer.count - 1), 1, 1, style) }
        }
    }

    /// A float always reads back as a float: `1000.0`, `1e-07`, `.inf`, `.nan`.
    static func floatText(_ d: Double) -> String {
        if d.isNaN { return ".nan" }
        if d.isInfinite { return d < 0 ? "-.inf" : ".inf" }
        return d.description
    }
}

/// Picks the style a string needs to read back as the same string.
enum ScalarStyleChoice {
    static func style(for text: String) -> yaml_scalar_style_t {
        if text.utf8.contains(0x0A) { return YAML_LITERAL_SCALAR_STYLE }  // libyaml falls back to quotes when a block is unsafe
        if mustQuote(text) { return YAML_DOUBLE_QUOTED_SCALAR_STYLE }  // as `kubectl get -o yaml` writes "yes"
        return YAML_PLAIN_SCALAR_STYLE  // libyaml quotes it anyway when plain would not parse back
    }

    /// Plain text that a YAML 1.1 reader would take for something other than this string.
    static func mustQuote(_ text: String) -> Bool {
        if text == "<<" { return true }
        if ScalarResolver.resolve(text) != .string { return true }
        return looksLikeSexagesimal(text)
    }

    /// YAML 1.1 base-60 numbers (`1:20`, `190:20:30.15`): go-yaml reads them as strings, but other
    /// YAML 1.1 readers as numbers, so they are quoted as go-yaml quotes them, matching its pattern
    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
    static func looksLikeSexagesimal(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        func isDigitOrUnderscore(_ byte: UInt8) -> Bool { ScalarResolver.isDigit(byte) || byte == UInt8(ascii: "_") }
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count, ScalarResolver.isDigit(bytes[i]) else { return false }
        i += 1
        while i < bytes.count, isDigitOrUnderscore(bytes[i]) { i += 1 }
        var groups = 0
        while i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            i += 1
            let start = i
            while i < bytes.count, ScalarResolver.isDigit(bytes[i]), i - start < 2 { i += 1 }
            let digits = i - start
            guard digits == 1 || (digits == 2 && bytes[start] <= UInt8(ascii: "5")) else { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, isDigitOrUnderscore(bytes[i]) { i += 1 }
        }
        return i == bytes.count
    }
}

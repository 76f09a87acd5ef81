import Manifests
import Reconciler

/// Turns field changes (or a whole new object) into the unified-diff-like lines all renderers
/// show, so the four formats agree line for line.
enum DiffLines {
    /// `- spec.replicas: 2` / `+ spec.replicas: 3` for each change, in order.
    static func lines(for changes: [FieldChange]) -> [DiffLine] {
        var lines: [DiffLine] = []
        for change in changes {
            let path = change.path.description
            if change.kind == .changed, let old = change.old?.stringValue, let new = change.new?.stringValue,
               old.contains("\n") || new.contains("\n") {
                lines.append(DiffLine(.context, "\(path): |"))
                lines += LineDiff.diff(old: blockLines(old), new: blockLines(new)).map { DiffLine($0.kind, "  " + $0.text) }
                continue
            }
            if let old = change.old, change.kind != .added {
                lines += valueLines(path: path, value: old).map { DiffLine(.removed, $0) }
            }
            if let new = change.new, change.kind != .removed {
                lines += valueLines(path: path, value: new).map { DiffLine(.added, $0) }
            }
        }
        return lines
    }

    /// The object as YAML, every line added: what a created object will look like.
    static func lines(adding object: JSON) -> [DiffLine] {
        yamlLines(object).map { DiffLine(.added, $0) }
    }

    /// `path: scalar`, or `path:` followed by the value as indented YAML (multi-line strings as
    /// a block, so a changed config file reads line by line).
    static func valueLines(path: String, value: JSON) -> [String] {
        switch value {
        case .string(let text) where text.contains("\n"):
            return ["\(path): |"] + blockLines(text).map { "  " + $0 }
        case .object(let object) where !object.isEmpty:
            return ["\(path):"] + yamlLines(value).map { "  " + $0 }
        case .array(let items) where !items.isEmpty:
            return ["\(path):"] + yamlLines(value).map { "  " + $0 }
        default:
            return ["\(path): \(value.serialized())"]
        }
    }

    /// The lines of a multi-line string, without the empty one after a final newline.
    private static func blockLines(_ text: String) -> [Substring] {
        let body = text.hasSuffix("\n") ? text.dropLast() : Substring(text)
        return body.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private static func yamlLines(_ value: JSON) -> [String] {
        var text = YAML.dump(value)
        while text.hasSuffix("\n") { text.removeLast() }
        if text.hasPrefix("---\n") { text.removeFirst(4) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

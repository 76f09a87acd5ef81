/// One line of the unified-diff-like view every renderer shows: `-` old, `+` new, or context.
public struct DiffLine: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case context
        case removed
        case added
    }

    public var kind: Kind
    /// The line without its `-`/`+` marker.
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// `- text`, `+ text` or `  text`, as a unified diff prints it.
    public var marked: String {
        switch kind {
        case .context: return "  " + text
        case .removed: return "- " + text
        case .added: return "+ " + text
        }
    }
}

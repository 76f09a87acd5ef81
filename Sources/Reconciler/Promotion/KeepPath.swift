import Manifests

/// A field the target environment keeps through a promotion (`--keep`): a JSON pointer,
/// optionally for one kind only — `Deployment:/spec/replicas`, `ConfigMap:/data/DEBUG`,
/// `/metadata/namespace` (every kind).
public struct KeepPath: Sendable, Hashable, CustomStringConvertible {
    /// The kind it applies to (`Deployment`, or `Deployment.apps` to name the group too);
    /// `nil` for every kind. Compared without regard to case, as kubectl compares kinds.
    public var kind: String?
    public var pointer: JSONPointer

    public init(kind: String? = nil, pointer: JSONPointer) {
        self.kind = kind
        self.pointer = pointer
    }

    /// Parses `[Kind:]/json/pointer`.
    public init(parsing text: String) throws {
        let kindText: Substring?
        let pointerText: Substring
        if text.hasPrefix("/") {
            kindText = nil
            pointerText = text[...]
        } else if let colon = text.firstIndex(of: ":") {
            kindText = text[..<colon]
            pointerText = text[text.index(after: colon)...]
        } else {
            throw PromotionError("--keep \(text): expected a JSON pointer such as /spec/replicas, optionally after a kind: Deployment:/spec/replicas")
        }
        guard pointerText.hasPrefix("/"), pointerText.count > 1, let pointer = JSONPointer(String(pointerText)) else {
            throw PromotionError("--keep \(text): \"\(pointerText)\" is not a JSON pointer (it starts with / and names a field, e.g. /spec/replicas)")
        }
        if let kindText, kindText.isEmpty || kindText.contains("/") {
            throw PromotionError("--keep \(text): \"\(kindText)\" is not a kind (e.g. Deployment or Deployment.apps)")
        }
        self.init(kind: kindText.map(String.init), pointer: pointer)
    }

    /// Whether it applies to objects of this kind.
    public func applies(to type: GroupKind) -> Bool {
        guard let kind else { return true }
        return KindName.matches(kind, type)
    }

    public var description: String { (kind.map { $0 + ":" } ?? "") + pointer.description }
}

/// How users name a kind on the command line: `Deployment`, `deployment`, or `Deployment.apps`.
enum KindName {
    static func matches(_ name: String, _ type: GroupKind) -> Bool {
        let lowered = name.lowercased()
        return lowered == type.kind.lowercased() || lowered == type.description.lowercased()
    }
}

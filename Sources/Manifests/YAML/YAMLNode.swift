/// A place in the YAML text, 1-based.
struct YAMLMark: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// The syntax tree of one document as libyaml's events describe it, with aliases already
/// replaced by (copies of) their anchored nodes. Values are resolved later by `YAMLComposer`.
indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case sequence([YAMLNode], mark: YAMLMark)
    case mapping([YAMLPair], mark: YAMLMark)

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): return scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    var kindName: String {
        switch self {
        case .scalar: return "scalar"
        case .sequence: return "sequence"
        case .mapping: return "mapping"
        }
    }
}

struct YAMLScalar: Sendable {
    var text: String
    /// The resolved tag (`tag:yaml.org,2002:str`, `!`, `!custom`), or `nil` when none was written.
    var tag: String?
    /// Written without quotes and not as a block scalar: the only form whose type is guessed.
    var isPlain: Bool
    var mark: YAMLMark
}

struct YAMLPair: Sendable {
    var key: YAMLNode
    var value: YAMLNode
}

/// ANSI styling for the terminal, or none: the same calls produce plain text when colour is off,
/// so piped output and `--no-color` never carry escape codes.
struct TerminalStyle {
    enum Tone: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    let enabled: Bool

    /// `text` (its own control characters neutralised) in `tone`.
    func apply(_ tone: Tone, _ text: String) -> String {
        let text = TerminalText.neutralised(text)
        return enabled && !text.isEmpty ? "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m" : text
    }

    func tone(for action: ObjectAction) -> Tone {
        switch action {
        case .create: return .green
        case .configure, .drifted, .adopt: return .yellow
        case .prune, .failed, .conflict: return .red
        case .kept: return .cyan
        case .unchanged: return .dim
        }
    }

    func tone(for line: DiffLine.Kind) -> Tone? {
        switch line {
        case .added: return .green
        case .removed: return .red
        case .context: return nil
        }
    }
}

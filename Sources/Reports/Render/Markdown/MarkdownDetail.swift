/// How much of a report a Markdown comment shows. The renderer steps down these levels, dropping
/// the least important parts first — unchanged objects, then long diffs, then whole objects —
/// until the comment fits GitHub's limit.
struct MarkdownDetail: Sendable {
    /// Name each unchanged object, or only count them.
    var listUnchanged = true
    /// Diff lines shown per object; `nil` for all.
    var maxDiffLines: Int?
    /// Objects shown per environment (beyond the summary table); `nil` for all.
    var maxObjects: Int?
    /// Policy notes shown per environment; `nil` for all.
    var maxNotes: Int?

    static let full = MarkdownDetail()

    /// The fixed levels tried after `full`; past them the renderer cuts whole objects.
    static let levels: [MarkdownDetail] = [
        .full,
        MarkdownDetail(listUnchanged: false),
        MarkdownDetail(listUnchanged: false, maxDiffLines: 60),
        MarkdownDetail(listUnchanged: false, maxDiffLines: 15, maxNotes: 50),
        MarkdownDetail(listUnchanged: false, maxDiffLines: 0, maxNotes: 20),
    ]
}

/// What a shortened comment left out, for the note that says so.
struct MarkdownOmissions: Sendable {
    var unchangedNames = 0
    var diffLines = 0
    var objects = 0
    var notes = 0

    var isEmpty: Bool { unchangedNames == 0 && diffLines == 0 && objects == 0 && notes == 0 }

    /// `> **Shortened** to fit …: left out the names of 800 unchanged objects, 1,200 diff lines.`
    func note(limit: Int) -> String {
        var parts: [String] = []
        if unchangedNames > 0 { parts.append("the names of \(unchangedNames) unchanged objects") }
        if diffLines > 0 { parts.append("\(diffLines) lines of long diffs") }
        if objects > 0 { parts.append("the details of \(objects) changed objects (they are counted in the summary)") }
        if notes > 0 { parts.append("\(notes) policy notes") }
        return "> [!NOTE]\n> **Shortened** to fit GitHub's \(limit)-character comment limit; left out "
            + parts.joined(separator: ", ") + ". Render with `--format html` or `--format json` for the full report."
    }
}

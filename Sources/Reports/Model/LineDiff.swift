/// A line-by-line diff of two texts (longest common subsequence), so a changed config file in a
/// ConfigMap shows the lines that changed between unchanged context, as `git diff` would.
enum LineDiff {
    /// Above this many line pairs the texts are shown as replaced wholesale, keeping reports fast.
    static let maxPairs = 1_000_000

    static func diff(old: [Substring], new: [Substring]) -> [DiffLine] {
        // Common head and tail first: most edits touch a few lines in the middle.
        var head = 0
        while head < old.count, head < new.count, old[head] == new[head] { head += 1 }
        var tail = 0
        while tail < old.count - head, tail < new.count - head, old[old.count - 1 - tail] == new[new.count - 1 - tail] { tail += 1 }
        let oldMiddle = Array(old[head..<(old.count - tail)])
        let newMiddle = Array(new[head..<(new.count - tail)])

        var lines = old[..<head].map { DiffLine(.context, String($0)) }
        lines += middle(oldMiddle, newMiddle)
        lines += old[(old.count - tail)...].map { DiffLine(.context, String($0)) }
        return lines
    }

    private static func middle(_ old: [Substring], _ new: [Substring]) -> [DiffLine] {
        guard old.count * new.count <= maxPairs, !old.isEmpty, !new.isEmpty else {
            return old.map { DiffLine(.removed, String($0)) } + new.map { DiffLine(.added, String($0)) }
        }
        // lengths[i][j]: longest common subsequence of old[i...] and new[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i][j] = old[i] == new[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var lines: [DiffLine] = []
        var i = 0, j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append(DiffLine(.context, String(old[i])))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || lengths[i + 1][j] >= lengths[i][j + 1] {
                // Removals before additions, as unified diffs print them.
                lines.append(DiffLine(.removed, String(old[i])))
                i += 1
            } else {
                lines.append(DiffLine(.added, String(new[j])))
                j += 1
            }
        }
        return lines
    }
}

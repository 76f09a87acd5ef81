/// Left-aligned columns separated by three spaces, like kubectl's tables, without trailing
/// spaces (an empty last cell leaves no padding behind):
///
/// ```
/// ENVIRONMENT   REVISION   SYNC     HEALTH
/// develop       1a2b3c4    Synced   Healthy
/// ```
public enum TextTable {
    public static func render(_ rows: [[String]]) -> String {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (index, cell) in row.enumerated() {
                if index < widths.count { widths[index] = max(widths[index], cell.count) } else { widths.append(cell.count) }
            }
        }
        return rows.map { row in
            let line = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "   ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}

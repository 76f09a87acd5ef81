/// Text from commits, files and objects made safe for a terminal: control characters (C0 but
/// tab, DEL, C1, and line breaks inside one field) are shown as `\x1b`-style escapes, so an
/// ANSI sequence in a commit message cannot recolour, move the cursor or retitle the terminal
/// of whoever reads the report (what `git log` does through its pager's `-R` handling, and
/// kubectl does for object names since 1.31: CVE-2021-25743).
///
/// ```
/// TerminalText.neutralised("fix \u{1B}[2Jbug")   // "fix \x1b[2Jbug"
/// ```
public enum TerminalText {
    /// `text` with every control character but tab escaped; `keepingNewlines` leaves `\n` for
    /// multi-line fields.
    public static func neutralised(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingNewlines: keepingNewlines) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepingNewlines: keepingNewlines) {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepingNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x0A: return !keepingNewlines
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}

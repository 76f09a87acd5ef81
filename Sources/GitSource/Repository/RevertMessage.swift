import Foundation

/// The message `git revert` writes, and reading it back.
enum RevertMessage {
    /// `Revert "<summary>"\n\nThis reverts commit <id>.\n`, exactly as git writes it.
    static func make(revertedSummary: String, revertedID: ObjectID) -> String {
        "Revert \"\(revertedSummary)\"\n\nThis reverts commit \(revertedID.hex).\n"
    }

    /// The id in the first `This reverts commit <40 hex>` line (followed by `.` or, for a
    /// merge, `,`), or `nil`.
    static func revertedCommit(in message: String) -> ObjectID? {
        let marker = "This reverts commit "
        var searchStart = message.startIndex
        while let found = message.range(of: marker, range: searchStart..<message.endIndex) {
            let idStart = found.upperBound
            if let idEnd = message.index(idStart, offsetBy: 40, limitedBy: message.endIndex),
               let id = ObjectID(hex: String(message[idStart..<idEnd])),
               idEnd < message.endIndex, message[idEnd] == "." || message[idEnd] == "," {
                return id
            }
            searchStart = found.upperBound
        }
        return nil
    }
}

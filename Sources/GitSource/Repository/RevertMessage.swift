import Foundation

/// The message `git revert` writes.
enum RevertMessage {
    /// `Revert "<summary>"\n\nThis reverts commit <id>.\n`, exactly as git writes it.
    static func make(revertedSummary: String, revertedID: ObjectID) -> String {
        "Revert \"\(revertedSummary)\"\n\nThis reverts commit \(revertedID.hex).\n"
    }
}

import Foundation

/// A fresh folder under the system temp directory, removed by `remove()`.
struct TemporaryFolder: Sendable {
    let path: String

    init(_ label: String = "gitsource") throws {
        path = NSTemporaryDirectory() + "mooring-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func appending(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

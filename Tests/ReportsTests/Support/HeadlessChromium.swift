import Foundation
import TestSupport

/// Debian's `chromium` run headless on a local file: the page as a browser builds it. A missing
/// chromium fails the test, naming the package.
struct HeadlessChromium {
    let executable: String

    static func find() throws -> HeadlessChromium {
        do {
            return HeadlessChromium(executable: try RequiredProgram.path("chromium"))
        } catch {
            guard let other = try? RequiredProgram.path("chromium-browser") else { throw error }
            return HeadlessChromium(executable: other)
        }
    }

    /// The DOM after loading `file` (`--dump-dom`).
    func dumpDOM(of file: URL, profile: URL) async throws -> String {
        try await run(["--dump-dom", file.absoluteString], profile: profile)
    }

    /// Writes a PNG of the page to `output`.
    func screenshot(of file: URL, to output: URL, profile: URL) async throws {
        _ = try await run(["--window-size=1200,1400", "--screenshot=\(output.path)", file.absoluteString], profile: profile)
    }

    /// Runs chromium with its own profile folder; stopped (by its process group) after a minute.
    private func run(_ arguments: [String], profile: URL) async throws -> String {
        try await Command.check(executable, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                             "--user-data-dir=\(profile.path)"] + arguments, timeout: .seconds(60))
    }
}

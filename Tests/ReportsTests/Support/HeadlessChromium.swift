import Foundation

/// Debian's `chromium` run headless on a local file: the page as a browser builds it.
struct HeadlessChromium {
    let executable: String

    /// `nil` when chromium is not installed.
    static func find() -> HeadlessChromium? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return HeadlessChromium(executable: path) }
            }
        }
        return nil
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The DOM after loading `file` (`--dump-dom`).
    func dumpDOM(of file: URL, profile: URL) throws -> String {
        String(decoding: try run(["--dump-dom", file.absoluteString], profile: profile), as: UTF8.self)
    }

    /// Writes a PNG of the page to `output`.
    func screenshot(of file: URL, to output: URL, profile: URL) throws {
        _ = try run(["--window-size=1200,1400", "--screenshot=\(output.path)", file.absoluteString], profile: profile)
    }

    /// Runs chromium with its own profile folder; stops it by its PID after `timeout` seconds.
    private func run(_ arguments: [String], profile: URL, timeout: TimeInterval = 60) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=\(profile.path)"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem { if process.isRunning { kill(pid, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer {
            watchdog.cancel()
            if process.isRunning { kill(pid, SIGKILL) }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "chromium exited with status \(process.terminationStatus)")
        }
        return data
    }
}

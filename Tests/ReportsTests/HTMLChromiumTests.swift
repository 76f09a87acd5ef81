import Foundation
import Reports
import Testing

/// The HTML page as Debian's headless Chromium renders it: the summary table and the diff lines
/// are in the DOM it builds (no JavaScript involved).
@Suite struct HTMLChromiumTests {
    @Test func chromiumRendersSummaryTableAndDiffs() throws {
        guard let chromium = HeadlessChromium.find() else {
            print("skipping chromiumRendersSummaryTableAndDiffs: chromium is not installed (scripts/install-deps.sh installs it)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mooring-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("rollback.html")
        try HTMLRenderer().render(try Scenarios.rollback()).write(to: page, atomically: true, encoding: .utf8)

        let dom = try chromium.dumpDOM(of: page, profile: directory.appendingPathComponent("profile"))
        #expect(dom.contains("<table class=\"summary\">"))
        #expect(occurrences(of: "<tr data-action=\"configure\">", in: dom) == 2)
        #expect(occurrences(of: "<tr data-action=\"unchanged\">", in: dom) == 2)
        #expect(dom.contains("<span class=\"removed\">- spec.replicas: 3</span>"))
        #expect(dom.contains("<span class=\"added\">+ spec.replicas: 2</span>"))
        #expect(dom.contains("<span class=\"added\">+   workers = 2</span>"))
        #expect(dom.contains("rolled back from b7e1f00 to a1b2c3d (git revert)"))

        if let keep = ProcessInfo.processInfo.environment["MOORING_REPORT_SCREENSHOT"] {
            try chromium.screenshot(of: page, to: URL(fileURLWithPath: keep), profile: directory.appendingPathComponent("profile"))
        }
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

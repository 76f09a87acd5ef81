import Foundation
import Reports
import TestSupport
import Testing

/// The HTML page as Debian's headless Chromium renders it: the summary table and the diff lines
/// are in the DOM it builds (no JavaScript involved).
@Suite struct HTMLChromiumTests {
    @Test func chromiumRendersSummaryTableAndDiffs() async throws {
        let chromium = try HeadlessChromium.find()
        let folder = try TemporaryFolder("reports")
        let directory = URL(fileURLWithPath: folder.path)
        let page = directory.appendingPathComponent("rollback.html")
        try HTMLRenderer().render(try Scenarios.rollback()).write(to: page, atomically: true, encoding: .utf8)

        let dom = try await chromium.dumpDOM(of: page, profile: directory.appendingPathComponent("profile"))
        #expect(dom.contains("<table class=\"summary\">"))
        #expect(occurrences(of: "<tr data-action=\"configure\">", in: dom) == 2)
        #expect(occurrences(of: "<tr data-action=\"unchanged\">", in: dom) == 2)
        #expect(dom.contains("<span class=\"removed\">- spec.replicas: 3</span>"))
        #expect(dom.contains("<span class=\"added\">+ spec.replicas: 2</span>"))
        #expect(dom.contains("<span class=\"added\">+   workers = 2</span>"))
        #expect(dom.contains("rolled back from b7e1f00 to a1b2c3d (git revert)"))

        if let keep = ProcessInfo.processInfo.environment["MOORING_REPORT_SCREENSHOT"] {
            try await chromium.screenshot(of: page, to: URL(fileURLWithPath: keep), profile: directory.appendingPathComponent("profile"))
        }
    }

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

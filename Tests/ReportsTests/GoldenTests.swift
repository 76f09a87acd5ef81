import Foundation
import Reports
import Testing

/// Every scenario in every format against its golden file.
@Suite struct GoldenTests {
    enum Scenario: String, CaseIterable, CustomTestStringConvertible {
        case created, configured, pruned, drifted, failed, rollback, secretChange = "secret-change", promotion
        case operation
        case hookFailed = "hook-failed"

        var testDescription: String { rawValue }

        func report() throws -> Report {
            switch self {
            case .created: return try Scenarios.created()
            case .configured: return try Scenarios.configured()
            case .pruned: return try Scenarios.pruned()
            case .drifted: return try Scenarios.drifted()
            case .failed: return try Scenarios.failed()
            case .rollback: return try Scenarios.rollback()
            case .secretChange: return try Scenarios.secretChange()
            case .promotion: return try Scenarios.promotion()
            case .operation: return Scenarios.operationReport()
            case .hookFailed: return try Scenarios.hookFailed()
            }
        }
    }

    @Test(arguments: Scenario.allCases, ReportFormat.allCases)
    func scenario(_ scenario: Scenario, _ format: ReportFormat) throws {
        let text = ReportRenderer(format: format).render(try scenario.report())
        try GoldenFile.check(text, name: "\(scenario.rawValue).\(format.fileExtension)")
    }

    @Test(arguments: ReportFormat.allCases)
    func history(_ format: ReportFormat) throws {
        let text = ReportRenderer(format: format).render(Scenarios.historyReport())
        try GoldenFile.check(text, name: "history.\(format.fileExtension)")
    }

    @Test func colouredTerminalText() throws {
        let text = ReportRenderer(format: .text, color: true).render(try Scenarios.configured())
        try GoldenFile.check(text, name: "configured-color.txt")
    }
}

import Foundation
import PartnerProjections
import PartnerReports
import Testing

/// The text, Markdown, JSON and CSV of the fixed ledger's reports, byte for byte against files under `Golden/`.
///
/// A deliberate change of the output is accepted by running the tests with
/// `PLEDGER_UPDATE_GOLDEN=1`, which rewrites the files, and reviewing their diff.
@Suite("Golden reports")
struct GoldenFileTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static let cases: [(file: String, format: ReportFormat, report: @Sendable () -> TrendReport)] = [
        ("portfolio-2025-by-quarter.txt", .text, { FixedLedger.portfolio() }),
        ("portfolio-2025-by-quarter.md", .markdown, { FixedLedger.portfolio() }),
        ("portfolio-2025-by-quarter.json", .json, { FixedLedger.portfolio() }),
        ("portfolio-2025-by-quarter.csv", .csv, { FixedLedger.portfolio() }),
        ("acme-globex-2025-by-month.txt", .text, { FixedLedger.partnership(1) }),
        ("acme-globex-2025-by-month.md", .markdown, { FixedLedger.partnership(1) }),
        ("acme-globex-2025-by-month.json", .json, { FixedLedger.partnership(1) }),
        ("acme-globex-2025-by-month.csv", .csv, { FixedLedger.partnership(1) }),
    ]

    @Test(arguments: cases.indices)
    func outputMatchesItsGoldenFile(_ index: Int) throws {
        let (file, format, report) = Self.cases[index]
        let actual = format.render(report())
        let url = Self.directory.appendingPathComponent(file)
        if ProcessInfo.processInfo.environment["PLEDGER_UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url, options: .atomic)
            return
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8),
            "missing \(url.path); run the tests with PLEDGER_UPDATE_GOLDEN=1 to write it")
        if actual != expected {
            let actualLines = actual.components(separatedBy: "\n")
            let expectedLines = expected.components(separatedBy: "\n")
            let line = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            Issue.record("""
                \(file) differs from its golden file at line \(line + 1):
                  expected: \(expectedLines[safe: line] ?? "<end of file>")
                  actual:   \(actualLines[safe: line] ?? "<end of file>")
                """)
        }
    }

    @Test func everyGoldenFileIsChecked() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { !$0.hasPrefix(".") }
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

import Foundation
import PartnerDomain
import PartnerProjections
import PartnerReports
import Testing

/// What every format shares: the same report, shapes a script can rely on, and colour only when asked.
@Suite("Report formats")
struct ReportFormatTests {
    @Test func theJSONDecodesBackToTheSameReport() throws {
        let report = FixedLedger.portfolio()
        let decoded = try JSONDecoder().decode(TrendReport.self, from: Data(ReportFormat.json.render(report).utf8))
        #expect(decoded == report)
    }

    @Test func csvHasOneRowPerPartnershipPeriodAndPartyAndEveryRowHasEveryColumn() throws {
        let report = FixedLedger.portfolio(period: .month)
        let rows = ReportFormat.csv.render(report).components(separatedBy: "\r\n").dropLast()
        let header = try #require(rows.first).components(separatedBy: ",")
        #expect(header.first == "partnership")
        #expect(header.count == 27) // with opportunities_won and won_value
        let expected = report.partnerships.reduce(0) { $0 + $1.periods.count * $1.parties.count }
        #expect(rows.count - 1 == expected)
        #expect(expected == 2 * 12 * 2)
        for row in rows { #expect(row.components(separatedBy: ",").count == header.count, "\(row)") }
    }

    @Test func csvQuotesFieldsThatNeedIt() throws {
        var report = FixedLedger.portfolio()
        report.partnerships[0].partnership = "a,\"b\""
        let row = try #require(ReportFormat.csv.render(report).components(separatedBy: "\r\n").dropFirst().first)
        #expect(row.hasPrefix(#""a,""b""","#))
    }

    @Test func textIsColouredOnlyWhenAsked() {
        let report = FixedLedger.portfolio()
        #expect(!ReportFormat.text.render(report).contains("\u{1B}["))
        #expect(ReportFormat.text.render(report, colour: true).contains("\u{1B}[31m"))
        #expect(ReportFormat.markdown.render(report) == ReportFormat.markdown.render(report))
    }

    @Test func theTextHasASparklinePerSeries() throws {
        let text = ReportFormat.text.render(FixedLedger.partnership(1))
        let line = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("  health ") })
        let bars = line.filter { "▁▂▃▄▅▆▇█·".contains($0) }
        #expect(bars.count == 12)
    }

    @Test func portfolioIsRankedRiskiestFirstWithTopFlags() throws {
        let report = FixedLedger.portfolio()
        #expect(report.portfolio.map(\.partnership) == ["acme-globex", "acme-initech"])
        #expect(report.partnerships.map(\.partnership) == ["acme-globex", "acme-initech"])
        #expect(report.portfolio.map(\.rank) == [1, 2])
        let globex = try #require(report.portfolio.first)
        #expect(globex.band == .red)
        #expect(!globex.topFlags.isEmpty && globex.topFlags.count <= 3)
        #expect(globex.topFlags.first?.severity == .critical)
        #expect(report.portfolio.last?.band == .green)
        #expect(report.portfolio.last?.verdict == .truePartnership)
    }

    @Test func theLastPeriodAgreesWithTheStandingHealth() throws {
        for trend in FixedLedger.portfolio().partnerships {
            #expect(trend.periods.last?.health == trend.health.score)
        }
    }

    @Test func aFileNameImpliesItsFormat() {
        #expect(ReportFormat.implied(byFileName: "q3.HTML") == .html)
        #expect(ReportFormat.implied(byFileName: "out/report.md") == .markdown)
        #expect(ReportFormat.implied(byFileName: "series.csv") == .csv)
        #expect(ReportFormat.implied(byFileName: "r.json") == .json)
        #expect(ReportFormat.implied(byFileName: "r.txt") == .text)
        #expect(ReportFormat.implied(byFileName: "report") == nil)
    }
}

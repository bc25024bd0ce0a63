import Foundation
import PartnerDomain
import PartnerProjections
import PartnerReports
import ProjectionStories
import Testing

/// Won value as recorded, never the estimate, in every format of the report.
@Suite("Revenue in the report: won value, pipeline and win rate, per currency")
struct RevenueTests {
    /// globex passes acme three deals in euros: one estimated at 80,000 and won at 95,000 (day 60),
    /// one lost (day 70), one still open at 40,000; and one without a value, won (day 80).
    static func report() -> TrendReport {
        var story = StoryBuilder(slug: "acme-globex")
        story.open(["acme", "globex"])
        story.opportunity("o-1", from: "globex", to: "acme", value: 80_000, day: 10)
        story.accept("o-1", day: 12)
        story.win("o-1", value: 95_000, day: 60)
        story.opportunity("o-2", from: "globex", to: "acme", value: 30_000, day: 20)
        story.lose("o-2", day: 70)
        story.opportunity("o-3", from: "globex", to: "acme", value: 40_000, day: 30)
        story.opportunity("o-4", from: "globex", to: "acme", day: 40)
        story.win("o-4", day: 80)
        let range = ReportRange(from: story.date(0), to: story.date(120), period: .month)
        return TrendReport.build(
            states: [story.projection], scope: .partnership, range: range, model: .default,
            seal: LedgerSeal(headPosition: UInt64(story.events.count), headDigest: String(repeating: "0", count: 64)))
    }

    /// By hand: EUR won 95,000 from 1 deal (o-1), lost 1 (o-2), win rate 1 / 2, open 40,000 (o-3);
    /// without a currency: 1 won (o-4) without a value, win rate 1 / 1, nothing open.
    @Test func theLinesAreWorkedOutByHand() throws {
        let revenue = try #require(Self.report().partnerships.first?.revenue)
        #expect(revenue.count == 2)
        let euro = try #require(revenue.first { $0.currency == "EUR" })
        #expect(euro.from == "globex" && euro.to == "acme")
        #expect(euro.wonCount == 1)
        #expect(euro.wonValue == 95_000)
        #expect(euro.lostCount == 1)
        #expect(euro.winRate == 0.5)
        #expect(euro.openCount == 1)
        #expect(euro.openPipeline == 40_000)
        let bare = try #require(revenue.first { $0.currency == nil })
        #expect(bare.wonCount == 1 && bare.wonValue == 0 && bare.wonWithoutValue == 1 && bare.winRate == 1)
        #expect(euro.sentence == "globex → acme: won EUR 95000 (1 deal), lost 1, win rate 50%, open EUR 40000 (1)")
    }

    @Test(arguments: ReportFormat.allCases)
    func everyFormatShowsTheWonValueNotTheEstimate(_ format: ReportFormat) {
        let text = format.render(Self.report())
        #expect(text.contains("95000"), "\(format) does not show the won value")
        if format != .json {
            #expect(!text.contains("80000"), "\(format) shows the estimate of a won deal")
        }
    }
}

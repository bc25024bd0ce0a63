import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("The portfolio ranks partnerships by risk")
struct PortfolioTests {
    @Test func riskiestPartnershipsComeFirst() throws {
        var portfolio = PortfolioProjection()
        var young = StoryBuilder(slug: "acme-new")
        young.open(["acme", "soylent"], day: 395)
        for story in [Stories.reciprocalAlliance().story, Stories.inheritedCustomer().story, young] {
            for event in story.events { portfolio.apply(event) }
        }
        let reports = portfolio.evaluate(asOf: StoryBuilder().at(400), knownAt: nil, model: .default)
        #expect(reports.map(\.partnership) == ["acme-globex", "acme-initech", "acme-new"])
        #expect(reports.allSatisfy { $0.flagHistory == nil })
        let ranking = PortfolioRanking.rank(reports)
        // red before insufficient evidence before green
        #expect(ranking.map(\.partnership) == ["acme-globex", "acme-new", "acme-initech"])
        #expect(ranking.map(\.rank) == [1, 2, 3])
        #expect(ranking.map(\.band) == [.red, .insufficientEvidence, .green])
        let riskiest = try #require(ranking.first)
        #expect(riskiest.topFlag?.severity == .critical)
        #expect(riskiest.criticalFlags > 0)
        #expect(riskiest.verdict == .supplierCustomer)
        #expect(riskiest.modelVersion == "2026.1-default")
    }

    @Test func sameBandRanksLowerScoresAndMoreFlagsFirst() throws {
        let base = Stories.reciprocalAlliance().story.report(asOf: 420)
        func variant(_ slug: String, score: Double?, band: HealthBand, flags: [RedFlag]) -> PartnershipReport {
            var report = base
            report.partnership = slug
            report.health.score = score
            report.health.band = band
            report.flags = flags
            return report
        }
        let flag = try #require(Stories.inheritedCustomer().story.report(asOf: 400).flags.first { $0.severity == .critical })
        let ranking = PortfolioRanking.rank([
            variant("b-yellow-70", score: 70, band: .yellow, flags: []),
            variant("a-yellow-70-flagged", score: 70, band: .yellow, flags: [flag]),
            variant("c-yellow-55", score: 55, band: .yellow, flags: []),
            variant("d-red-45", score: 45, band: .red, flags: []),
            variant("e-green-90", score: 90, band: .green, flags: [flag]),
        ])
        #expect(ranking.map(\.partnership) == ["d-red-45", "c-yellow-55", "a-yellow-70-flagged", "b-yellow-70", "e-green-90"])
    }

    @Test func partnershipsNotYetOpenedAreLeftOut() {
        var portfolio = PortfolioProjection()
        var later = StoryBuilder(slug: "acme-later")
        later.open(["acme", "globex"], day: 500)
        for event in later.events { portfolio.apply(event) }
        #expect(portfolio.evaluate(asOf: StoryBuilder().at(400), knownAt: nil, model: .default).isEmpty)
        #expect(portfolio.evaluate(asOf: StoryBuilder().at(500), knownAt: nil, model: .default).map(\.partnership) == ["acme-later"])
    }
}

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
        // red before green; the five-day-old partnership has no band and is not ranked but listed after, as onboarding
        #expect(ranking.map(\.partnership) == ["acme-globex", "acme-initech", "acme-new"])
        #expect(ranking.map(\.rank) == [1, 2, nil])
        #expect(ranking.map(\.band) == [.red, .green, .insufficientEvidence])
        let riskiest = try #require(ranking.first)
        #expect(riskiest.topFlag?.severity == .critical)
        #expect(riskiest.criticalFlags > 0)
        #expect(riskiest.verdict == .supplierCustomer)
        #expect(riskiest.modelVersion == "2026.3-default")
    }

    /// The reciprocal alliance's report under another slug, score, band and flags.
    static func variant(_ slug: String, score: Double?, band: HealthBand, flags: [RedFlag] = []) -> PartnershipReport {
        var report = Stories.reciprocalAlliance().story.report(asOf: 420)
        report.partnership = slug
        report.health.score = score
        report.health.band = band
        report.flags = flags
        return report
    }

    @Test func sameBandRanksLowerScoresAndMoreFlagsFirst() throws {
        let flag = try #require(Stories.inheritedCustomer().story.report(asOf: 400).flags.first { $0.severity == .critical })
        let ranking = PortfolioRanking.rank([
            Self.variant("b-yellow-70", score: 70, band: .yellow, flags: []),
            Self.variant("a-yellow-70-flagged", score: 70, band: .yellow, flags: [flag]),
            Self.variant("c-yellow-55", score: 55, band: .yellow, flags: []),
            Self.variant("d-red-45", score: 45, band: .red, flags: []),
            Self.variant("e-green-90", score: 90, band: .green, flags: [flag]),
        ])
        #expect(ranking.map(\.partnership) == ["d-red-45", "c-yellow-55", "a-yellow-70-flagged", "b-yellow-70", "e-green-90"])
    }

    @Test func partnershipsWithoutABandAreListedApartWhateverTheirFlags() throws {
        let flag = try #require(Stories.inheritedCustomer().story.report(asOf: 400).flags.first { $0.severity == .critical })
        let ranking = PortfolioRanking.rank([
            Self.variant("z-new", score: nil, band: .insufficientEvidence),
            Self.variant("b-green", score: 80, band: .green),
            Self.variant("a-new-flagged", score: nil, band: .insufficientEvidence, flags: [flag]),
            Self.variant("c-red", score: 30, band: .red),
        ])
        #expect(ranking.map(\.partnership) == ["c-red", "b-green", "a-new-flagged", "z-new"])
        #expect(ranking.map(\.rank) == [1, 2, nil, nil])
    }

    @Test func partnershipsNotYetOpenedAreLeftOut() {
        var portfolio = PortfolioProjection()
        var later = StoryBuilder(slug: "acme-later")
        later.open(["acme", "globex"], day: 500)
        for event in later.events { portfolio.apply(event) }
        #expect(portfolio.evaluate(asOf: StoryBuilder().at(400), knownAt: nil, model: .default).isEmpty)
        #expect(portfolio.evaluate(asOf: StoryBuilder().at(500), knownAt: nil, model: .default).map(\.partnership) == ["acme-later"])
    }

    /// The line computed on its own is the line of the full report, for every story, at days
    /// before the opening, along the way and at the end, as known then and as known later.
    @Test(arguments: ["alliance", "inherited", "investment", "misaligned"])
    func theLineAloneEqualsTheLineOfTheFullReport(story name: String) {
        let story = switch name {
        case "alliance": Stories.reciprocalAlliance().story
        case "inherited": Stories.inheritedCustomer().story
        case "investment": Stories.souringInvestment().story
        default: Stories.misalignedObjectives().story
        }
        let projection = story.projection
        let options = EvaluationOptions(includeFlagHistory: false)
        var opened = 0
        for day in [-5, 0, 30, 95, 200, 330, 400, 460] {
            for knownAt in [nil, story.at(day - 20)] {
                let view = ViewPoint(asOf: story.at(day), knownAt: knownAt)
                let report = projection.evaluate(at: view, model: .default, options: options)
                let line = projection.portfolioEntry(at: view, model: .default)
                #expect(line == (report.isOpened ? PortfolioRanking.entry(of: report) : nil), "\(name) on day \(day), known at \(String(describing: knownAt))")
                if line != nil { opened += 1 }
            }
        }
        #expect(opened >= 12, "the story is opened on most of the days checked")
    }
}

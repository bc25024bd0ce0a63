import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("Transparency per party and reciprocity per pair")
struct TransparencyAndReciprocityTests {
    /// Evaluated as of day 180 (2025-06-30): the 180-day window starts on day 0, the opening.
    static func transparencyStory() -> (story: StoryBuilder, surprise: UUID, fullPipeline: UUID) {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let fullPipeline = story.share(.pipeline, from: "acme", to: "globex", depth: .full, day: 10)
        story.share(.forecast, from: "acme", to: "globex", depth: .summary, day: 20)
        story.share(.roadmap, from: "acme", to: "globex", depth: .countsOnly, day: 30)
        story.share(.pipeline, from: "acme", to: "globex", depth: .summary, day: 40)
        story.request("r-1", by: "globex", to: "acme", day: 50)
        story.answer("r-1", day: 53)          // within 10 days
        story.request("r-2", by: "globex", to: "acme", day: 60)
        story.answer("r-2", day: 72)          // 12 days: late
        story.request("r-3", by: "globex", to: "acme", day: 150) // open for 30 days: counts, unanswered
        story.request("r-4", by: "globex", to: "acme", day: 175) // open for 5 days: pending, left out
        story.disclose("acme", proactive: true, day: 100)
        story.disclose("acme", proactive: false, day: 101)
        let surprise = story.surprise(about: "acme", affecting: "globex", day: 160)
        return (story, surprise, fullPipeline)
    }

    @Test func transparencyScoresBreadthRespondAndCandourPerParty() throws {
        let (story, surprise, fullPipeline) = Self.transparencyStory()
        let report = story.report(asOf: 180)
        let acme = try #require(report.transparency.party("acme"))
        // breadth: pipeline full 1, forecast summary 0.66, roadmap counts-only 0.33, customer-overlap 0, org-change 0: 1.99 / 5 = 0.398
        #expect(close(acme.breadth, 0.398))
        // respond: 3 requests count (r-1 in time, r-2 late, r-3 overdue), 1 in time: L(1, 3) = 2/5 = 0.4
        #expect(acme.requestsReceived == 3)
        #expect(acme.requestsAnsweredInTime == 1)
        #expect(close(acme.respond, 0.4))
        // candour: 1 proactive disclosure, 1 surprise: (1 + 1) / (1 + 1 + 2) = 0.5
        #expect(acme.candour == 0.5)
        // T = 100 * (0.4 * 0.398 + 0.3 * 0.4 + 0.3 * 0.5) = 100 * (0.1592 + 0.12 + 0.15) = 42.92
        #expect(close(acme.score, 42.92))
        #expect(acme.evidence.map(\.eventId).contains(fullPipeline))
        #expect(acme.evidence.map(\.eventId).contains(surprise))
        // globex shared nothing, was asked nothing, disclosed nothing: 100 * (0 + 0.3 * 0.5 + 0.3 * 0.5) = 30
        let globex = try #require(report.transparency.party("globex"))
        #expect(close(globex.score, 30))
        // asymmetry 42.92 - 30 = 12.92; the component takes the lowest
        #expect(close(report.transparency.asymmetry, 12.92))
        #expect(report.transparency.leastTransparentParty == "globex")
        #expect(close(report.health.component(.transparency)?.score, 30))
    }

    @Test func transparencyFlagNamesLowScoreAndSurprise() throws {
        let (story, surprise, _) = Self.transparencyStory()
        let flags = story.report(asOf: 180).flags(.littleTransparency)
        #expect(flags.map(\.party) == ["acme", "globex"])
        let acme = try #require(flags.first)
        #expect(acme.holds("low-transparency"))
        #expect(acme.holds("surprise"))
        #expect(!acme.holds("requests-unanswered")) // only r-3 is unanswered after 14 days
        #expect(acme.evidence.contains(surprise))
        #expect(acme.severity == .critical)
        #expect(flags.last?.rules.map(\.rule) == ["low-transparency"])
    }

    @Test func transparencyWithoutEventsInAYoungPartnershipHasNoData() {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let report = story.report(asOf: 100)
        #expect(!report.transparency.hasData)
        #expect(report.transparency.parties.isEmpty)
        #expect(report.health.component(.transparency)?.score == nil)
    }

    /// Everything in the 365-day window before day 180.
    static func reciprocityStory() -> (story: StoryBuilder, won: UUID, fee: UUID) {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.invest("acme", amount: 1000, kind: .cash, day: 5)
        story.invest("acme", amount: 10, kind: .hours, day: 6)
        let fee = story.invest("globex", amount: 5000, kind: .fee, day: 7)
        story.opportunity("o-1", from: "acme", to: "globex", value: 100, day: 10)
        story.opportunity("o-2", from: "acme", to: "globex", value: 300, day: 20)
        story.opportunity("o-3", from: "globex", to: "acme", value: 200, day: 30)
        story.accept("o-3", day: 31)
        let won = story.win("o-3", value: 250, day: 60)
        story.share(.pipeline, from: "acme", to: "globex", depth: .full, day: 15)
        story.share(.roadmap, from: "acme", to: "globex", depth: .summary, day: 16)
        story.share(.pipeline, from: "acme", to: "globex", depth: .countsOnly, day: 17)
        story.share(.forecast, from: "globex", to: "acme", depth: .countsOnly, day: 18)
        for (id, owner, beneficiary) in [("c-1", "acme", "globex"), ("c-2", "acme", "globex"), ("c-3", "globex", "acme")] {
            story.commit(id, owner: owner, to: beneficiary, dueDay: 100, day: 20)
            story.fulfil(id, day: 90)
        }
        for (day, organizer) in [(40, "acme"), (54, "acme"), (68, "acme"), (82, "globex")] {
            story.held(.call, day: day, organizer: organizer, attendees: [("acme", .manager), ("globex", .manager)])
        }
        return (story, won, fee)
    }

    @Test func reciprocityBalancesEachFlowAndWeighsThem() throws {
        let (story, won, fee) = Self.reciprocityStory()
        let report = story.report(asOf: 180)
        let pair = try #require(report.reciprocity.pairs.first)
        #expect(report.reciprocity.pairs.count == 1)
        // opportunities by value: acme 100 + 300 = 400; globex's o-3 was won at 250, counted twice = 500: (400 - 500) / 900 = -0.1111
        let opportunities = try #require(pair.flow(.opportunities))
        #expect(opportunities.measure == "value")
        #expect(opportunities.givenByA == 400)
        #expect(opportunities.givenByB == 500)
        #expect(close(opportunities.balance, -1.0 / 9.0))
        #expect(opportunities.evidence.contains { $0.credit == 500 && $0.party == "globex" })
        // commitments fulfilled without values: counts 2 and 1: (2 - 1) / 3 = 0.3333
        let commitments = try #require(pair.flow(.commitments))
        #expect(commitments.measure == "count")
        #expect(close(commitments.balance, 1.0 / 3.0))
        // investment: acme cash 1000 and 10 hours; without a rate, hours are not money, so the flow counts: 2 against 0;
        // globex's fee is a payment, not an investment: (2 - 0) / 2 = 1
        let investment = try #require(pair.flow(.investment))
        #expect(investment.measure == "count")
        #expect(investment.givenByA == 2)
        #expect(investment.givenByB == 0)
        #expect(investment.balance == 1)
        #expect(!investment.evidence.contains { $0.eventId == fee })
        // initiative: meetings organised 3 and 1: (3 - 1) / 4 = 0.5
        #expect(pair.flow(.initiative)?.balance == 0.5)
        // information: acme best per category pipeline 1 + roadmap 0.66 = 1.66; globex forecast 0.33: 1.33 / 1.99 = 0.668342
        #expect(close(pair.flow(.information)?.balance, 1.33 / 1.99))
        // B = 0.30 * -0.111111 + 0.25 * 0.333333 + 0.20 * 1 + 0.15 * 0.5 + 0.10 * 0.668342
        //   = -0.033333 + 0.083333 + 0.2 + 0.075 + 0.066834 = 0.391834
        #expect(close(pair.balance, 0.39183417085427136))
        // R = 100 * (1 - (0.391834 - 0.2) / 0.8) = 76.0207
        #expect(close(pair.score, 76.02072864321609))
        #expect(pair.givesMore == "acme")
        #expect(close(report.health.component(.reciprocity)?.score, 76.02072864321609))
        #expect(report.health.component(.reciprocity)?.evidence.map(\.eventId).contains(won) == true)
    }

    @Test func jointValueCountsSharedAcceptedAndWon() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.opportunity("o-0", from: "acme", to: "globex", day: 50)   // shared before the window
        story.accept("o-0", day: 55)
        let earlyWin = story.win("o-0", day: 95)                        // won inside it
        story.opportunity("o-1", from: "acme", to: "globex", day: 100)
        story.accept("o-1", day: 101)
        story.win("o-1", day: 120)
        story.opportunity("o-2", from: "globex", to: "acme", day: 110)
        story.decline("o-2", day: 111)
        story.opportunity("o-3", from: "globex", to: "acme", day: 130)
        story.accept("o-3", day: 131)
        story.lose("o-3", day: 150)
        story.opportunity("o-4", from: "acme", to: "globex", day: 140)
        let component = try #require(story.report(asOf: 180).health.component(.jointValue))
        // in the 90 days from day 90: shared o-1..o-4 = 4, of which accepted o-1 and o-3 = 2; won o-0 and o-1 = 2 of decided 3
        // 100 * (0.4 * c(4/4) + 0.3 * L(2, 4) + 0.3 * L(2, 3)) = 100 * (0.4 + 0.3 * 0.5 + 0.3 * 0.6) = 73
        #expect(close(component.score, 73))
        #expect(component.evidence.map(\.eventId).contains(earlyWin))
    }

    @Test func alignmentReadsCharterCoverageAndSurveys() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let innovation = story.objective("o1", party: "acme", kind: .innovation, horizon: .long, day: 1)
        story.objective("o2", party: "acme", kind: .revenue, horizon: .short, day: 1)
        story.objective("o3", party: "globex", kind: .market, horizon: .long, day: 2)
        let charter = story.charter(joint: ["o1", "o3"], signedBy: ["acme", "globex"], successMeasures: ["Joint revenue"], day: 20)
        let review = story.held(.qbr, day: 150, organizer: "acme", attendees: [("acme", .exec), ("globex", .exec)], scorecardReviewed: true)
        story.survey("acme", .strategic, score: 4, day: 30)
        story.survey("globex", .strategic, score: 2, day: 30)
        story.survey("acme", .operational, score: 3, day: 30)
        story.survey("globex", .operational, score: 3, day: 30)
        let component = try #require(story.report(asOf: 180).health.component(.alignment))
        // charter signed by all, with measures, reviewed at a QBR 30 days ago: level 100
        // coverage: o1 and o3 of three objectives are joint: 2/3; survey gap: strategic |4 - 2| = 2, operational 0: mean 1
        // 0.5 * 100 + 30 * 2/3 + 20 * (1 - 1/4) = 50 + 20 + 15 = 85
        #expect(close(component.score, 85))
        let ids = component.evidence.map(\.eventId)
        #expect(ids.contains(charter) && ids.contains(review.event) && ids.contains(innovation))
    }

    @Test(arguments: [
        (signedBy: [String](), measures: false, reviewDay: nil as Int?, level: 0.0),   // no charter at all
        (signedBy: ["acme"], measures: true, reviewDay: 150 as Int?, level: 25.0),     // not signed by globex
        (signedBy: ["acme", "globex"], measures: false, reviewDay: 150 as Int?, level: 50.0),
        (signedBy: ["acme", "globex"], measures: true, reviewDay: nil as Int?, level: 75.0),
        (signedBy: ["acme", "globex"], measures: true, reviewDay: 150 as Int?, level: 100.0),
        (signedBy: ["acme", "globex"], measures: true, reviewDay: 25 as Int?, level: 75.0), // reviewed before the charter existed
    ])
    func charterLevelClimbsWithSignaturesMeasuresAndReview(signedBy: [String], measures: Bool, reviewDay: Int?, level: Double) throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        if !signedBy.isEmpty {
            story.charter(joint: [], signedBy: signedBy, successMeasures: measures ? ["Joint revenue"] : nil, day: 30)
        }
        if let reviewDay {
            story.held(.qbr, day: reviewDay, organizer: "acme", attendees: [("acme", .exec)], scorecardReviewed: true)
        }
        // only the charter part has data (no objectives, no surveys): the score is the level itself
        let component = try #require(story.report(asOf: 180).health.component(.alignment))
        #expect(close(component.score, level))
    }

    /// Hours are money only at a rate someone gave: with a model rate of 100, acme's cash 1000 and
    /// 10 hours are 1000 + 10 * 100 = 2000; a partnership of hours alone is compared in hours.
    @Test func hoursBecomeMoneyOnlyAtAGivenRate() throws {
        let (story, _, _) = Self.reciprocityStory()
        let rated = try ScoringModel(overrides: Data(#"{"version": "2026.3-rated", "reciprocity": {"hourlyRate": 100}}"#.utf8))
        let investment = try #require(story.report(asOf: 180, model: rated).reciprocity.pairs.first?.flow(.investment))
        #expect(investment.measure == "value")
        #expect(investment.givenByA == 2000)

        var hours = StoryBuilder()
        hours.open(["acme", "globex"])
        hours.invest("acme", amount: 30, kind: .hours, day: 10)
        hours.invest("globex", amount: 10, kind: .hours, day: 20)
        let flow = try #require(hours.report(asOf: 60).reciprocity.pairs.first?.flow(.investment))
        #expect(flow.measure == "value")
        #expect(flow.givenByA == 30 && flow.givenByB == 10)
        #expect(flow.balance == 0.5)
    }
}

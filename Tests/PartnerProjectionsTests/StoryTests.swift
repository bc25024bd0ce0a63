import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("Four partnership histories over a year, and their verdicts")
struct StoryTests {
    @Test func reciprocalAllianceIsGreenAndATruePartnership() throws {
        let (story, charter, fulfilments) = Stories.reciprocalAlliance()
        let report = story.report(asOf: 420)
        #expect(report.health.band == .green)
        #expect((report.health.score ?? 0) >= 75)
        #expect(report.flags.isEmpty)
        let classification = report.classification
        #expect(classification.verdict == .truePartnership)
        // The weakest predicate bounds the verdict: here 0.75, L(2) = 3/4 at full clearance.
        #expect(classification.confidence == classification.predicates.map(\.strength).min())
        #expect(classification.confidence == 0.75)
        #expect(classification.closest == nil)
        #expect(classification.statement == nil)
        #expect(classification.predicates.map(\.predicate) == [
            "charter-signed-by-all", "every-party-committed-resources", "reciprocal", "flows-balanced", "cadence-kept",
        ])
        let charterPredicate = try #require(classification.predicates.first)
        #expect(charterPredicate.evidence.contains(charter))
        let resourcing = try #require(classification.predicates.first { $0.predicate == "every-party-committed-resources" })
        let recentFulfilments = fulfilments.filter { story.occurred($0, from: 56, through: 420) }
        #expect(recentFulfilments.allSatisfy { resourcing.evidence.contains($0) })
        let reliability = try #require(report.health.component(.commitmentReliability))
        #expect(reliability.evidence.contains { $0.eventId == fulfilments.last && $0.aspect == "fulfilled-on-time" })
        #expect(report.engagement.overallTrend.direction != .falling)
    }

    @Test func inheritedRelationshipIsRedFallingAndReallyASupplier() throws {
        let (story, missedByGlobex, payments, noShows) = Stories.inheritedCustomer()
        let report = story.report(asOf: 400)
        #expect(report.health.band == .red)
        #expect(report.engagement.monthlyTrend(of: "globex")?.direction == .falling)
        #expect(report.engagement.overallTrend.direction == .falling)
        let globexFlags = Set(report.flags.filter { $0.party == "globex" }.map(\.kind))
        #expect(globexFlags.isSuperset(of: [.shortTermGain, .noCollaborationAppetite, .littleTransparency, .poorOperationalEngagement]))

        let classification = report.classification
        #expect(classification.verdict == .supplierCustomer)
        // payments-one-way rests on the 12 payments of the window and clears fully: L(12) = 13/14.
        #expect(classification.confidence == 13.0 / 14.0)
        #expect(classification.predicates.first { $0.predicate == "payments-one-way" }?.strength == 13.0 / 14.0)
        #expect(classification.recordedAs == .partnership)
        #expect(classification.statement == "recorded as a partnership; the evidence says supplier/customer. Call it what it is.")
        let payment = try #require(classification.predicates.first { $0.predicate == "payments-one-way" })
        #expect(payment.holds)
        let recentPayments = payments.filter { story.occurred($0, from: 35, through: 400) }
        #expect(recentPayments.count == 12)
        #expect(recentPayments.allSatisfy { payment.evidence.contains($0) })

        let reliability = try #require(report.health.component(.commitmentReliability))
        #expect(reliability.evidence.contains { $0.eventId == missedByGlobex.last && $0.party == "globex" && $0.credit == 0 })
        let engagementFlag = try #require(report.flags.first { $0.kind == .poorOperationalEngagement && $0.party == "globex" })
        #expect(engagementFlag.holds("no-exec-at-qbrs"))
        #expect(engagementFlag.holds("engagement-falling"))
        let recentNoShows = noShows.filter { story.occurred($0, from: 310, through: 400) }
        #expect(!recentNoShows.isEmpty)
        #expect(recentNoShows.allSatisfy { engagementFlag.evidence.contains($0) })
        let shortTerm = try #require(report.flags.first { $0.kind == .shortTermGain && $0.party == "globex" })
        #expect(shortTerm.holds("took-without-commitment"))
        #expect(shortTerm.holds("only-short-term-objectives"))
    }

    @Test func upfrontInvestmentFollowedByFallingEngagementIsCritical() throws {
        let (story, investment) = Stories.souringInvestment()
        let report = story.report(asOf: 420)
        let flag = try #require(report.flags.first { $0.kind == .upfrontInvestment })
        #expect(report.flags(.upfrontInvestment).count == 1)
        #expect(flag.party == "acme")
        #expect(flag.severity == .critical)
        #expect(flag.holds("upfront-investment-dominates"))
        #expect(flag.holds("engagement-shifted-after-investment"))
        #expect(flag.holds("return-below-expectation"))
        #expect(flag.evidence.first == investment)
        let shift = try #require(report.engagement.shifts.first { $0.party == "acme" })
        #expect(shift.period == "2025-09")
        #expect(shift.direction == .down)
        #expect(shift.events.allSatisfy { flag.evidence.contains($0) })
        // raised when the investment left acme with 95% of all investment (checked at the end of August), critical since
        #expect(flag.firstRaised == (try CalendarDate(parsing: "2025-08-31")))
    }

    @Test func shortTermRevenueAgainstLongTermInnovationIsMisaligned() throws {
        let (story, objectives, charter) = Stories.misalignedObjectives()
        let report = story.report(asOf: 380)
        let flag = try #require(report.flags.first { $0.kind == .misalignedObjectives })
        #expect(flag.party == nil)
        #expect(flag.holds("charter-not-signed-by-all"))
        #expect(flag.holds("horizons-diverge"))
        #expect(flag.holds("low-objective-coverage"))
        #expect(flag.holds("strategic-survey-gap"))
        #expect(flag.evidence.contains(charter))
        #expect(objectives.allSatisfy { flag.evidence.contains($0) })
        let diverging = try #require(flag.rules.first { $0.rule == "horizons-diverge" })
        #expect(diverging.evidence == objectives)
        #expect(diverging.explanation == "every objective of acme is short-horizon and every objective of umbrella is long-horizon")
    }
}

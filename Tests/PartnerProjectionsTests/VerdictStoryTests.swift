import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

/// The verdict stories of `Tests/ProjectionStories/README.md`: band, trend, every flag that must
/// and must not stand, and the verdict a seasoned alliance manager would give.
@Suite("Verdict stories: what an alliance manager would say, and why")
struct VerdictStoryTests {
    /// Five weeks, five events (the next call is scheduled on day 40): too early for any judgement. No flag, no band, not ranked, emerging.
    @Test func aFreshPilotIsInsufficientEvidenceWithNoFlagAndEmerging() throws {
        let report = Stories.freshPilot().report(asOf: 35)
        #expect(report.eventCount == 5)
        #expect(report.health.band == .insufficientEvidence)
        #expect(report.health.score == nil)
        #expect(report.flags.isEmpty, "flags: \(report.flags.map(\.kind))")
        // the rules that would have spoken on thin evidence say what they wait for
        let waiting = Set(report.pendingRules.map(\.rule))
        #expect(waiting.isSuperset(of: ["no-charter", "cadence-below-agreed", "low-transparency", "rarely-organises-meetings"]))
        #expect(report.engagement.overallTrend.direction != .falling)
        #expect(report.classification.verdict == .emerging)
        // 1 - (5 + 1) / (20 + 2)
        #expect(close(report.classification.confidence, 1 - 6.0 / 22))
        #expect(PortfolioRanking.rank([report]).first?.rank == nil)
    }

    /// acme carries all the investment and all the resourcing; zeta stops coming. The upfront
    /// investment has soured (critical: acme got nothing back by day 200), zeta's engagement is
    /// poor, and this is not a true partnership: zeta never committed a resource.
    @Test func aOneSidedInvestmentSoursAndIsNotATruePartnership() throws {
        let (story, investment, noShows) = Stories.oneSidedInvestment()
        let report = story.report(asOf: 400)
        #expect(report.health.band == .red)
        #expect(report.engagement.overallTrend.party == "zeta")
        #expect(report.flags.map(\.kind) == [.upfrontInvestment, .littleTransparency, .poorOperationalEngagement])

        let upfront = try #require(report.flags(.upfrontInvestment).first)
        #expect(report.flags(.upfrontInvestment).count == 1)
        #expect(upfront.party == "acme")
        #expect(upfront.severity == .critical)
        #expect(upfront.holds("upfront-investment-dominates"))
        #expect(upfront.holds("return-below-expectation"))
        #expect(upfront.evidence.first == investment)

        let engagement = try #require(report.flags(.poorOperationalEngagement).first)
        #expect(report.flags(.poorOperationalEngagement).map(\.party) == ["zeta"])
        #expect(engagement.holds("misses-meetings"))
        #expect(noShows.suffix(3).allSatisfy { engagement.evidence.contains($0) })
        // acme, which kept every call and every commitment, is flagged for neither
        #expect(report.flags.filter { $0.party == "acme" }.map(\.kind) == [.upfrontInvestment])
        #expect(report.flags(.misalignedObjectives).isEmpty)
        // zeta shared nothing in 180 days: little transparency, citing an event
        let silence = try #require(report.flags(.littleTransparency).first)
        #expect(silence.party == "zeta" && silence.holds("low-transparency") && !silence.evidence.isEmpty)

        let classification = report.classification
        #expect(classification.verdict != .truePartnership)
        let rule = try #require(classification.rules.first { $0.verdict == .truePartnership })
        #expect(!rule.matches)
        let resourcing = try #require(rule.predicates.first { $0.predicate == "every-party-committed-resources" })
        #expect(!resourcing.holds)
        #expect(resourcing.explanation.hasSuffix("(acme 6, zeta 0)"), "\(resourcing.explanation)")
    }

    /// Deals back and forth and nothing else: healthy enough, but a commercial agreement, and
    /// the ledger says so plainly.
    @Test func aCommercialAgreementRecordedAsAPartnershipIsCalledWhatItIs() throws {
        let report = Stories.commercialAgreement().report(asOf: 400)
        let classification = report.classification
        #expect(classification.verdict == .commercialAgreement, "\(classification.reason)")
        #expect(classification.rules.first { $0.verdict == .truePartnership }?.matches == false)
        #expect(classification.statement
            == "recorded as a partnership; the evidence says a commercial/strategic agreement. Call it what it is.")
        #expect(classification.predicates.allSatisfy { $0.holds })
        #expect(classification.confidence > 0 && classification.confidence < 1)
        // no alarm about how they work together: calls kept, deals accepted, information shared
        for kind in [RedFlagKind.noCollaborationAppetite, .poorOperationalEngagement, .littleTransparency, .upfrontInvestment] {
            #expect(report.flags(kind).isEmpty, "\(kind) stands: \(report.flags(kind).map(\.rules))")
        }
        #expect(report.health.band == .green)
        #expect(report.engagement.overallTrend.direction == .flat)
        // DOMAIN.md's short-term-gain rule stands for both: each received 3 or more deals in its first
        // 180 days and fulfilled no commitment, though each passed as many deals as it received
        // (the closing note proposes counting opportunities given)
        #expect(report.flags.map(\.kind) == [.shortTermGain, .shortTermGain])
        #expect(report.flags.map(\.party) == ["acme", "dyno"])
        #expect(report.flags.allSatisfy { $0.rules.map(\.rule) == ["took-without-commitment"] && !$0.evidence.isEmpty })
    }

    /// A renegotiation made in time and a retracted typo are what an honest ledger of a good
    /// partnership looks like: still green, no flag, a true partnership.
    @Test func aTruePartnershipWithARenegotiationAndARetractionStaysGreenWithoutFlags() throws {
        let (story, _, delivered, retracted) = Stories.renegotiatedAlliance()
        let report = story.report(asOf: 420)
        #expect(report.health.band == .green)
        #expect(report.flags.isEmpty, "flags: \(report.flags.map(\.rules))")
        #expect(report.engagement.overallTrend.direction != .falling)
        #expect(report.classification.verdict == .truePartnership)
        let reliability = try #require(report.health.component(.commitmentReliability))
        let moved = try #require(reliability.evidence.first { $0.eventId == delivered })
        #expect(moved.aspect == "fulfilled-as-renegotiated")
        #expect(moved.credit == 0.9)
        // the retracted surprise counts nowhere: not in transparency, not in any flag
        #expect(report.transparency.parties.allSatisfy { $0.surprises == 0 })
        #expect(!report.transparency.parties.flatMap(\.evidence).contains { $0.eventId == retracted })
        // as known before the retraction was recorded, the surprise stood and raised the flag
        let before = story.report(asOf: 420, knownAt: 380)
        #expect(before.flags(.littleTransparency).map(\.party) == ["initech"])
        #expect(before.flags(.littleTransparency).first?.evidence.contains(retracted) == true)
    }

    /// One series, one story: the partnership's trend is the weaker party's own trend, and a
    /// falling one is exactly what raises that party's engagement-falling flag.
    @Test func thePartnershipTrendIsTheWeakerPartysOwnSeries() throws {
        let cases: [(StoryBuilder, Int)] = [
            (Stories.inheritedCustomer().story, 400), (Stories.oneSidedInvestment().story, 400),
            (Stories.souringInvestment().story, 420), (Stories.reciprocalAlliance().story, 420),
            (Stories.commercialAgreement(), 400),
        ]
        for (story, day) in cases {
            let report = story.report(asOf: day)
            let overall = report.engagement.overallTrend
            let party = try #require(overall.party, "\(story.projection.slug): no weaker party")
            #expect(report.engagement.monthlyTrend(of: party) == overall, "\(story.projection.slug)")
            let falling = report.flags(.poorOperationalEngagement).first { $0.party == party }?.holds("engagement-falling") ?? false
            #expect(falling == (overall.direction == .falling), "\(story.projection.slug): trend \(overall.direction) beside the flags")
        }
        let inherited = Stories.inheritedCustomer().story.report(asOf: 400).engagement.overallTrend
        #expect(inherited.party == "globex")
        #expect(inherited.direction == .falling)
    }
}

@Suite("Health names the component that holds it down")
struct HealthReasonTests {
    /// inheritedCustomer as of day 400: every component's recoverable points, and the sentence
    /// naming the largest, its score and its share of the points lost.
    @Test func theReasonNamesTheComponentWithTheMostPointsLost() throws {
        let health = Stories.inheritedCustomer().story.report(asOf: 400).health
        let worst = try #require(health.heldDownBy)
        let most = try #require(health.components.compactMap(\.pointsRecoverable).max())
        #expect(worst.pointsRecoverable == most)
        let lost = health.components.compactMap(\.pointsRecoverable).reduce(0, +)
        let reason = try #require(health.mainReason)
        #expect(reason.hasPrefix("health is red mainly because of \(worst.component.rawValue) (score "
            + String(format: "%.1f", worst.score ?? -1) + ", " + String(format: "%.1f", most) + " of the "
            + String(format: "%.1f", lost) + " points lost)"), "\(reason)")
        #expect(Stories.freshPilot().report(asOf: 35).health.mainReason == nil)
    }
}

import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

/// The least evidence each component and flag rule needs (model `sufficiency`), on a pilot whose
/// every count is worked out by hand below.
@Suite("Evidence sufficiency: below its need a rule raises nothing and a component has no score")
struct SufficiencyTests {
    /// A pilot of two months, 14-day cadence:
    /// - day 10: a call acme organised, both there; day 20: one globex organised, both there;
    /// - day 30: acme asks globex for its pipeline, answered day 35 (in time);
    /// - day 40: globex shares its pipeline as a summary;
    /// - day 45: globex commits a deliverable due day 50, fulfilled day 48.
    static func pilot() -> (story: StoryBuilder, opening: UUID) {
        var story = StoryBuilder()
        let opening = story.open(["acme", "globex"])
        story.held(.call, day: 10, organizer: "acme", attendees: [("acme", .exec), ("globex", .manager)])
        story.held(.call, day: 20, organizer: "globex", attendees: [("acme", .manager), ("globex", .manager)])
        story.request("r-1", by: "acme", to: "globex", day: 30)
        story.answer("r-1", day: 35)
        story.share(.pipeline, from: "globex", to: "acme", depth: .summary, day: 40)
        story.commit("c-1", owner: "globex", to: "acme", dueDay: 50, day: 45)
        story.fulfil("c-1", day: 48)
        return (story, opening)
    }

    /// The counts as of day 59, by hand:
    /// - days open 59; calls due 59 / 14 = 4.2143 (the window starts at the opening);
    /// - globex: 2 meetings tracked, 1 request received, 2 transparency events (the answer and the share);
    /// - acme: 0 transparency events;
    /// - 1 commitment settled; 4 exchanges (2 meetings organised, 1 commitment fulfilled, 1 category shared).
    @Test func theCountsAreThoseWorkedOutByHand() throws {
        let report = Self.pilot().story.report(asOf: 59)
        func pending(_ rule: String, _ party: String?) throws -> PendingRule {
            try #require(report.pendingRules.first { $0.rule == rule && $0.party == party }, "\(rule) is not pending")
        }
        let cadence = try pending("cadence-below-agreed", "globex")
        #expect(cadence.evidenceCounts.map(\.measure) == [.daysOpen, .callsDue])
        #expect(cadence.evidenceCounts[0].has == 59)
        #expect(close(cadence.evidenceCounts[1].has, 59.0 / 14))
        #expect(cadence.evidenceCounts[1].party == "globex")
        #expect(cadence.evidenceCounts[0].party == nil)
        #expect(cadence.explanation == "not enough evidence yet: needs 60 days open, has 59")
        #expect(try pending("misses-meetings", "globex").explanation == "not enough evidence yet: needs 4 meetings tracked of globex, has 2")
        #expect(try pending("requests-unanswered", "globex").explanation
            == "not enough evidence yet: needs 2 information requests received of globex, has 1")
        #expect(try pending("low-transparency", "acme").explanation
            == "not enough evidence yet: needs 2 transparency events of acme, has 0 (or: needs 180 days open, has 59)")
        // globex's transparency has its two events: the rule is evaluated (40.28 is under 50, so it fires; see below)
        #expect(report.pendingRules.contains { $0.rule == "low-transparency" && $0.party == "globex" } == false)

        let health = report.health
        func component(_ kind: HealthComponentKind) throws -> HealthComponent {
            try #require(health.component(kind))
        }
        #expect(try component(.commitmentReliability).evidenceCounts.map(\.has) == [1])
        #expect(try component(.commitmentReliability).shortfall == "not enough evidence yet: needs 2 commitments settled, has 1")
        #expect(try component(.reciprocity).evidenceCounts.map(\.has) == [4])
        #expect(try component(.alignment).shortfall == "not enough evidence yet: needs 90 days open, has 59")
        #expect(try component(.jointValue).shortfall == "not enough evidence yet: needs 2 opportunity events, has 0")
    }

    /// With their needs met, transparency (globex alone) and reciprocity are scored; the rest carry
    /// 70% of the weight, so the band is insufficient evidence. By hand:
    /// - globex: breadth 0.66 / 5 = 0.132, respond L(1, 1) = 2/3, candour 1/2:
    ///   T = 100 (0.4 * 0.132 + 0.3 * 2/3 + 0.3 * 0.5) = 40.28; acme, with no event, is left out;
    /// - reciprocity, acme first: commitments b = -1 (weight .25), initiative b = 0 (.15),
    ///   information b = -1 (.10): B = -0.35 / 0.5 = -0.7, R = 100 (1 - (0.7 - 0.2) / 0.8) = 37.5.
    @Test func aComponentBelowItsNeedDropsOutAndTheBandWaits() throws {
        let health = Self.pilot().story.report(asOf: 59).health
        let transparency = try #require(health.component(.transparency))
        #expect(transparency.hasEnoughEvidence)
        #expect(transparency.partyScores.map(\.party) == ["globex"])
        #expect(close(transparency.score, 40.28))
        #expect(close(health.component(.reciprocity)?.score, 37.5))
        for kind in [HealthComponentKind.commitmentReliability, .operationalEngagement, .jointValue, .alignment] {
            #expect(health.component(kind)?.score == nil, "\(kind) has a score")
            #expect(health.component(kind)?.hasEnoughEvidence == false)
        }
        #expect(close(health.evidenceShare, 0.3))
        #expect(health.score == nil)
        #expect(health.band == .insufficientEvidence)
        // without needs the same events give a score from 75% of the weight (all but joint value and alignment)
        let unchecked = Self.pilot().story.report(asOf: 59, model: .formulasOnly).health
        #expect(close(unchecked.evidenceShare, 0.75))
        #expect(unchecked.score != nil)
    }

    /// The cadence rule waits for day 60; on day 60 it is evaluated: each party kept 2 of the
    /// 60 / 14 = 4.29 calls due, 47%, under 60%, and the flag cites the opening (which set the
    /// cadence) and both calls.
    @Test func aRuleSpeaksOnTheDayItsNeedIsMet() throws {
        let (story, opening) = Self.pilot()
        let before = story.report(asOf: 59)
        #expect(before.flags(.poorOperationalEngagement).isEmpty)
        let after = story.report(asOf: 60)
        let flags = after.flags(.poorOperationalEngagement)
        #expect(flags.map(\.party) == ["acme", "globex"])
        for flag in flags {
            #expect(flag.rules.map(\.rule) == ["cadence-below-agreed"])
            #expect(flag.rules.first?.explanation.contains("kept 2 calls where 4.29 were due: cadence 47%") == true)
            #expect(flag.evidence.first == opening)
            #expect(flag.evidence.count == 3)
        }
        #expect(after.pendingRules.contains { $0.rule == "cadence-below-agreed" } == false)
    }

    /// Every raised flag cites at least one event, in every story, at every month end of its life.
    @Test func everyRaisedFlagCitesAnEvent() {
        let stories = [
            Stories.reciprocalAlliance().story, Stories.inheritedCustomer().story, Self.pilot().story,
        ]
        for story in stories {
            for day in stride(from: 0, through: 420, by: 30) {
                for flag in story.report(asOf: day).flags {
                    #expect(!flag.evidence.isEmpty, "\(story.projection.slug) day \(day): \(flag.kind) cites nothing")
                    for rule in flag.rules {
                        #expect(!rule.evidence.isEmpty, "\(story.projection.slug) day \(day): \(rule.rule) cites nothing")
                    }
                }
            }
        }
    }

    /// A model file changes a need like any number, and is refused naming a measure or rule it does not have.
    @Test func aModelFileChangesANeedAndIsRefusedForUnknownOnes() throws {
        let relaxed = try ScoringModel(overrides: Data(#"""
            {"version": "2026.3-quick", "sufficiency": {"flags": {"cadence-below-agreed": {"daysOpen": 30}}}}
            """#.utf8))
        #expect(relaxed.sufficiency.need(ofRule: "cadence-below-agreed").minimum(of: .daysOpen) == 30)
        #expect(relaxed.sufficiency.need(ofRule: "cadence-below-agreed").minimum(of: .callsDue) == 3)
        // day 50: 2 calls kept of 50 / 14 = 3.57 due, 56%; the default model waits for day 60
        #expect(Self.pilot().story.report(asOf: 50, model: relaxed).flags(.poorOperationalEngagement).map(\.party) == ["acme", "globex"])
        #expect(Self.pilot().story.report(asOf: 50).flags(.poorOperationalEngagement).isEmpty)

        func refusal(_ text: String) -> ScoringModelError? {
            do {
                _ = try ScoringModel(overrides: Data(text.utf8))
                return nil
            } catch {
                return error
            }
        }
        let measure = refusal(#"{"version": "x", "sufficiency": {"flags": {"surprise": {"days": 3}}}}"#)
        #expect(measure?.field == "sufficiency.flags.surprise.days")
        #expect(measure?.code == .unknownField)
        let rule = refusal(#"{"version": "x", "sufficiency": {"flags": {"cadence-too-low": {"daysOpen": 3}}}}"#)
        #expect(rule?.field == "sufficiency.flags.cadence-too-low")
        let retired = refusal(#"{"version": "x", "flags": {"minimumActionItems": 3}}"#)
        #expect(retired?.message == "was retired in model 2026.3; the same minimum is now sufficiency.flags.action-items-late.actionItemsDue.")
    }

    /// Every flag rule the detectors know states its need in the default model, and no need names an unknown rule.
    @Test func everyRuleStatesItsNeed() throws {
        let rules = ScoringModel.Sufficiency.flagRules.flatMap(\.rules)
        #expect(Set(rules) == Set(ScoringModel.default.sufficiency.flags.keys))
        #expect(rules.count == Set(rules).count)
        try ScoringModel.default.validate()
    }
}

import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("Edge cases: no data, one event, future events, retracted evidence, three parties")
struct EdgeCaseTests {
    @Test func stateWithoutEventsGivesAnUnopenedGreyReport() {
        let report = PartnershipProjection(slug: "acme-iot").evaluate(asOf: StoryBuilder().at(100), knownAt: nil, model: .default)
        #expect(!report.isOpened)
        #expect(report.eventCount == 0)
        #expect(report.health.score == nil)
        #expect(report.health.band == .insufficientEvidence)
        #expect(report.health.evidenceShare == 0)
        #expect(report.health.arrow == .unavailable)
        #expect(report.health.components.allSatisfy { $0.score == nil && $0.evidence.isEmpty })
        #expect(report.flags.isEmpty)
        #expect(report.engagement.monthly.isEmpty)
        #expect(report.classification.verdict == .emerging)
        #expect(report.classification.statement == nil)
    }

    /// A partnership opened today has agreed no charter, which is no evidence of anything yet:
    /// the no-charter rule waits for its 90 days (model 2026.2 raised it on the opening day).
    @Test func singleOpeningIsInsufficientEvidenceAndRaisesNothing() throws {
        var story = StoryBuilder()
        let opening = story.open(["acme", "globex"])
        let report = story.report(asOf: 0)
        #expect(report.isOpened)
        #expect(report.eventCount == 1)
        #expect(report.parties.map(\.id) == ["acme", "globex"])
        #expect(report.health.band == .insufficientEvidence)
        #expect(report.health.evidenceShare == 0)
        #expect(report.flags.isEmpty)
        let noCharter = try #require(report.pendingRules.first { $0.rule == "no-charter" })
        #expect(noCharter.explanation == "not enough evidence yet: needs 90 days open, has 0")
        #expect(report.classification.verdict == .emerging)
        #expect(report.classification.eventCount == 1)

        // 90 days on, still no charter and not one of the 6.4 calls the 14-day cadence asks for: now both are
        // evidence, and each flag cites the opening, which dates the silence and set the cadence.
        let later = story.report(asOf: 90)
        #expect(later.flags.map(\.kind) == [.misalignedObjectives, .poorOperationalEngagement, .poorOperationalEngagement])
        #expect(later.flags.map(\.party) == [nil, "acme", "globex"])
        #expect(later.flags.map { $0.rules.map(\.rule) } == [["no-charter"], ["cadence-below-agreed"], ["cadence-below-agreed"]])
        #expect(later.flags.allSatisfy { $0.evidence == [opening] })
        #expect(later.flags.first?.firstRaised == story.date(90))
    }

    @Test func eventsDatedAfterAsOfAreIgnored() {
        let base = EngagementTests.story().story
        var withFuture = base
        withFuture.commit("c-9", owner: "globex", to: "acme", dueDay: 181, day: 181)
        withFuture.miss("c-9", day: 185)
        withFuture.held(.call, day: 181, organizer: "globex", attendees: [("globex", .exec)])
        withFuture.surprise(about: "acme", affecting: "globex", day: 190)
        withFuture.invest("acme", amount: 1_000_000, upfront: true, day: 200)
        // recorded long before, happening later: still ignored as of day 180
        withFuture.record(.opportunityShared(OpportunityShared(opportunityId: "o-9", from: "acme", to: "globex", kind: .lead)), day: 250, recordedDay: 10)
        #expect(withFuture.report(asOf: 180) == base.report(asOf: 180))
        #expect(withFuture.report(asOf: 200) != base.report(asOf: 200))
    }

    @Test func retractingTheOnlyEvidenceLeavesTheComponentWithoutData() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let made = story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        story.fulfil("c-1", day: 136)
        story.retract(made, day: 170)
        let after = try #require(story.report(asOf: 181, model: .formulasOnly).health.component(.commitmentReliability))
        #expect(after.score == nil)
        #expect(after.evidence.isEmpty)
        // as known before the retraction was recorded, the fulfilment still counts: 100 * (0.7071 + 1.4) / 2.7071
        let before = try #require(story.report(asOf: 181, knownAt: 160, model: .formulasOnly).health.component(.commitmentReliability))
        #expect(close(before.score, 77.83611624891223))
    }

    @Test func retractingAFulfilmentReopensTheCommitment() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let made = story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        let fulfilled = story.fulfil("c-1", day: 136)
        story.retract(fulfilled, day: 170)
        let component = try #require(story.report(asOf: 181, model: .formulasOnly).health.component(.commitmentReliability))
        // open past its due date (day 139): overdue since day 140, 41 days before day 181: w = 0.5^(41/90) = 0.729229
        // 100 * (0 + 1.4) / (0.729229 + 2) = 51.2965
        #expect(component.evidence.map(\.eventId) == [made])
        #expect(component.evidence.first?.aspect == "overdue")
        #expect(close(component.score, 51.29653259128863))
    }

    @Test func threePartiesAreScoredByTheirWeakestMember() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex", "initech"])
        for (id, owner, beneficiary) in [("c-1", "acme", "globex"), ("c-2", "globex", "initech"), ("c-3", "initech", "acme")] {
            story.commit(id, owner: owner, to: beneficiary, dueDay: 139, day: 5)
        }
        story.fulfil("c-1", day: 136)                    // on time
        story.miss("c-2", day: 136)                      // missed
        story.commit("c-4", owner: "initech", to: "acme", dueDay: 129, day: 5)
        story.fulfil("c-3", day: 136)
        story.fulfil("c-4", day: 136)                    // 7 days late
        story.share(.pipeline, from: "acme", to: "globex", depth: .full, day: 100)
        story.share(.pipeline, from: "globex", to: "initech", depth: .summary, day: 100)
        let report = story.report(asOf: 181)
        let reliability = try #require(report.health.component(.commitmentReliability))
        // acme on time: 77.8361; globex missed: 51.7157; initech on time and late (both w 0.7071):
        // 100 * (0.7071 * 1 + 0.7071 * 0.6 + 1.4) / (2 * 0.7071 + 2) = 253.1371 / 3.414214 = 74.1421
        #expect(reliability.partyScores.map(\.party) == ["acme", "globex", "initech"])
        #expect(close(reliability.partyScores[2].score, 74.14213562373095))
        #expect(close(reliability.score, 51.7157287525381))
        // transparency: acme 100 * (0.4 * 1/5 + 0.15 + 0.15) = 38, globex 100 * (0.4 * 0.66/5 + 0.3) = 35.28, initech 30
        #expect(report.transparency.parties.map(\.party) == ["acme", "globex", "initech"])
        #expect(close(report.transparency.parties[1].score, 35.28))
        #expect(close(report.health.component(.transparency)?.score, 30))
        #expect(close(report.transparency.asymmetry, 8))
        #expect(report.reciprocity.pairs.map { "\($0.partyA)-\($0.partyB)" } == ["acme-globex", "acme-initech", "globex-initech"])
        #expect(report.reciprocity.score == report.reciprocity.pairs.compactMap(\.score).min())
    }
}

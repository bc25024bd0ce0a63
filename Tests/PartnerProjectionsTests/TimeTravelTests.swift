import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("Time travel: as of a business date, as known at a recorded date")
struct TimeTravelTests {
    @Test func knownAtLeavesOutEventsRecordedLater() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let made = story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        let fulfilled = story.record(.commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-1")), day: 136, recordedDay: 170)
        let now = try #require(story.report(asOf: 181, model: .formulasOnly).health.component(.commitmentReliability))
        #expect(now.evidence.map(\.eventId) == [fulfilled])
        #expect(close(now.score, 77.83611624891223))
        // at day 160 the ledger did not know of the fulfilment: the commitment was overdue since day 140
        let then = try #require(story.report(asOf: 181, knownAt: 160, model: .formulasOnly).health.component(.commitmentReliability))
        #expect(then.evidence.map(\.eventId) == [made])
        #expect(close(then.score, 51.29653259128863))
    }

    @Test func asOfLeavesOutEventsThatHadNotHappened() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        story.fulfil("c-1", day: 136)
        #expect(story.report(asOf: 135, model: .formulasOnly).health.component(.commitmentReliability)?.score == nil) // open and not yet due
        // as of day 137 the fulfilment is 1 day old: w = 0.5^(1/90) = 0.992328; 100 * (0.992328 + 1.4) / 2.992328 = 79.9488
        #expect(close(story.report(asOf: 137, model: .formulasOnly).health.component(.commitmentReliability)?.score, 79.94872183881691))
    }

    @Test func retractionAppliesFromWhenItIsRecordedWhateverItsBusinessDate() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        let missed = story.miss("c-1", day: 136)
        story.retract(missed, day: 175, recordedDay: 175)
        // today's knowledge leaves the miss out even as of a day before the retraction's date
        #expect(story.report(asOf: 150).health.component(.commitmentReliability)?.evidence.contains { $0.eventId == missed } == false)
        // as known on day 170, before the retraction was recorded, the miss stands
        let known = try #require(story.report(asOf: 150, knownAt: 170).health.component(.commitmentReliability))
        #expect(known.evidence.map(\.eventId) == [missed])
    }

    @Test func knownAtFromTheFullStateEqualsFoldingOnlyWhatWasRecorded() {
        var story = EngagementTests.story().story
        story.record(.meetingMissed(MeetingMissed(meetingId: "m-1", absentParty: "acme")), day: 100, recordedDay: 200)
        story.record(.surpriseDiscovered(SurpriseDiscovered(affectedParty: "acme", aboutParty: "globex", topic: "Reorg")), day: 150, recordedDay: 190)
        let knownAt = story.at(180)
        var recordedByThen = PartnershipProjection(slug: story.slug)
        for event in story.events where event.recordedAt <= knownAt {
            recordedByThen.apply(event)
        }
        let fromFullState = story.projection.evaluate(asOf: story.at(180), knownAt: knownAt, model: .default)
        let fromPrefix = recordedByThen.evaluate(asOf: story.at(180), knownAt: knownAt, model: .default)
        #expect(fromFullState == fromPrefix)
        #expect(story.projection.evaluate(asOf: story.at(180), knownAt: nil, model: .default) != fromFullState)
    }

    @Test func trendArrowComparesWithThirtyDaysEarlierUnderTheSameKnowledge() throws {
        let story = Stories.inheritedCustomer().story
        let report = story.report(asOf: 400)
        let earlier = story.report(asOf: 370)
        #expect(report.health.earlierScore == earlier.health.score)
        let now = try #require(report.health.score)
        let before = try #require(earlier.health.score)
        #expect(report.health.arrow == (now - before >= 3 ? .up : before - now >= 3 ? .down : .flat))
    }

    @Test func movementNamesTheEventsLearnedBetweenTwoRecordingDates() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let made = story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        let fulfilled = story.record(.commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-1")), day: 136, recordedDay: 170)
        let movement = story.projection.movement(
            from: ViewPoint(asOf: story.at(181), knownAt: story.at(160)),
            to: ViewPoint(asOf: story.at(181), knownAt: story.at(181)), model: .formulasOnly)
        let reliability = try #require(movement.components.first { $0.component == .commitmentReliability })
        #expect(close(reliability.before, 51.29653259128863))
        #expect(close(reliability.after, 77.83611624891223))
        let moved = movement.events.filter { $0.component == .commitmentReliability }
        // in time order: the fulfilment on day 136, then the overdue commitment dated day 140
        #expect(moved.map(\.eventId) == [fulfilled, made])
        #expect(moved.first { $0.eventId == made }?.after == nil)
        // the fulfilment now counts w * credit = 0.7071 * 1
        #expect(close(moved.first { $0.eventId == fulfilled }?.after, 0.7071067811865476))
        #expect(movement.modelVersion == "2026.3-formulas-only")
    }
}

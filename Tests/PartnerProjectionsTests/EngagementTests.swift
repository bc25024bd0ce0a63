import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("Operational engagement from meetings and action items")
struct EngagementTests {
    /// acme and globex agree on calls every 14 days. In the 90 days before day 180 (2025-06-30) acme holds five calls;
    /// globex attends three and misses two; one QBR with acme's executive and globex's manager; globex closes one
    /// of two action items on time, acme its one.
    static func story() -> (story: StoryBuilder, misses: [UUID], lateAction: UUID) {
        var story = StoryBuilder()
        story.open(["acme", "globex"], callCadenceDays: 14)
        var misses: [UUID] = []
        for day in [100, 114, 128, 142, 156] {
            let globexAttends = day <= 128
            let attendees: [(String, Seniority)] = globexAttends ? [("acme", .manager), ("globex", .manager)] : [("acme", .manager)]
            let items: [(id: String, owner: String, dueDay: Int)] = day == 100
                ? [("a-1", "globex", 110), ("a-2", "globex", 120), ("a-3", "acme", 130)] : []
            let call = story.held(.call, day: day, organizer: "acme", attendees: attendees, actionItems: items)
            if !globexAttends {
                misses.append(story.missed(call.meetingId, party: "globex", day: day))
            }
        }
        story.closeAction("a-1", day: 108)
        let late = story.closeAction("a-2", day: 125)
        story.closeAction("a-3", day: 130)
        story.held(.qbr, day: 170, organizer: "acme", attendees: [("acme", .exec), ("globex", .manager)])
        return (story, misses, late)
    }

    @Test func engagementIsTheLowestPartyScore() throws {
        let (story, misses, late) = Self.story()
        let report = story.report(asOf: 180)
        let component = try #require(report.health.component(.operationalEngagement))
        // expected calls: 90 days / 14 = 6.428571
        // acme: cadence 5 / 6.428571 = 0.777778, attendance 6/6 = 1, seniority exec = 1, actions L(1, 1) = 2/3:
        //   100 * (0.35 * 0.777778 + 0.25 * 1 + 0.2 * 1 + 0.2 * 0.666667) = 100 * (0.272222 + 0.25 + 0.2 + 0.133333) = 85.5556
        // globex: cadence 3 / 6.428571 = 0.466667, attendance 4/6 (3 calls and the QBR of 6 tracked) = 0.666667,
        //   seniority manager = 0.5, actions L(1, 2) = 0.5:
        //   100 * (0.163333 + 0.166667 + 0.1 + 0.1) = 53
        #expect(component.partyScores.map(\.party) == ["acme", "globex"])
        #expect(close(component.partyScores.first?.score, 85.55555555555556))
        #expect(close(component.partyScores.last?.score, 53))
        #expect(close(component.score, 53))
        let ids = component.evidence.map(\.eventId)
        #expect(misses.allSatisfy { ids.contains($0) })
        #expect(ids.contains(late))
        #expect(component.evidence.filter { $0.aspect == "no-show" }.allSatisfy { $0.credit == 0 && $0.party == "globex" })
    }

    @Test func poorEngagementFlagNamesCadenceAndMisses() throws {
        let (story, misses, _) = Self.story()
        let flags = story.report(asOf: 180).flags(.poorOperationalEngagement)
        let flag = try #require(flags.first)
        #expect(flags.count == 1)
        #expect(flag.party == "globex")
        // cadence 0.4667 < 0.6; missed 2 of 6 tracked = 0.333 > 0.25
        #expect(flag.holds("cadence-below-agreed"))
        #expect(flag.holds("misses-meetings"))
        #expect(flag.severity == .critical)
        #expect(misses.allSatisfy { flag.evidence.contains($0) })
    }

    @Test func lateCancellationCountsAsAMissAndKeepsTheOtherPartysCall() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"], callCadenceDays: 14)
        story.held(.call, day: 100, organizer: "acme", attendees: [("acme", .manager), ("globex", .director)])
        let late = story.scheduled(.call, day: 110, organizer: "acme")
        let cancellation = story.cancelled(late, by: "globex", noticeHours: 2, day: 114)
        let early = story.scheduled(.call, day: 120, organizer: "acme")
        story.cancelled(early, by: "globex", noticeHours: 72, day: 125)
        let report = story.report(asOf: 180)
        let monthly = try #require(report.engagement.monthly.first { $0.party == "globex" })
        let april = try #require(monthly.points.first { $0.period == "2025-04" })
        // globex in April: held call attended (day 100 = 04-11), late cancellation (04-25), early cancellation (05-06, May)
        #expect(april.counts.callsAttended == 1)
        #expect(april.counts.lateCancellations == 1)
        #expect(april.counts.cancelled == 1)
        #expect(april.attendance == 0.5) // 1 attended of 2 tracked
        let component = try #require(report.health.component(.operationalEngagement))
        // acme kept 2 calls in the window (one attended, one lost to globex's late cancellation): cadence 2 / 6.428571 = 0.311111
        // acme: 100 * (0.35 * 0.311111 + 0.25 * 1) / 0.6 = 100 * (0.108889 + 0.25) / 0.6 = 59.8148
        // globex: cadence 1 / 6.428571 = 0.155556, attendance 1/2: 100 * (0.054444 + 0.125) / 0.6 = 29.9074
        #expect(close(component.partyScores.first { $0.party == "acme" }?.score, 59.81481481481481))
        #expect(close(component.partyScores.first { $0.party == "globex" }?.score, 29.907407407407405))
        #expect(component.evidence.contains { $0.eventId == cancellation && $0.aspect == "late-cancellation" })
    }
}

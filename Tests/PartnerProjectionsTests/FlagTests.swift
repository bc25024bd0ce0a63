import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("Red-flag detectors and their history")
struct FlagTests {
    /// globex receives five opportunities and accepts one, organises none of four meetings and declines two requests,
    /// after rating itself first 2, then 5 on its appetite for collaboration.
    static func reluctantPartner() -> (story: StoryBuilder, declines: [UUID], rating: UUID) {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.weakSpot("globex", .collaborationAppetite, rating: 2, day: 1)
        let rating = story.weakSpot("globex", .collaborationAppetite, rating: 5, day: 2)
        var declines: [UUID] = []
        for index in 0..<5 {
            story.opportunity("o-\(index)", from: "acme", to: "globex", day: 100 + index)
            if index == 0 { story.accept("o-0", day: 110) } else { declines.append(story.decline("o-\(index)", day: 110)) }
        }
        for day in [120, 134, 148, 162] {
            story.held(.call, day: day, organizer: "acme", attendees: [("acme", .manager), ("globex", .manager)])
        }
        for index in 0..<2 {
            story.request("r-\(index)", by: "acme", to: "globex", day: 150)
            declines.append(story.declineRequest("r-\(index)", day: 152))
        }
        return (story, declines, rating)
    }

    @Test func reluctantPartnerHasNoAppetiteForCollaboration() throws {
        let (story, declines, _) = Self.reluctantPartner()
        let flag = try #require(story.report(asOf: 180).flags.first { $0.kind == .noCollaborationAppetite })
        #expect(flag.party == "globex")
        // accepted 1 of 5 (20% < 30%); organised 0 of 4 meetings (< 20%); declined 2 requests
        #expect(flag.rules.map(\.rule) == ["few-opportunities-accepted", "rarely-organises-meetings", "declined-information-requests"])
        #expect(flag.rules.first?.explanation == "globex accepted 1 of 5 opportunities it received (under 30%)")
        #expect(flag.severity == .critical)
        #expect(declines.allSatisfy { flag.evidence.contains($0) })
    }

    @Test func flagInAnAreaThePartyRatedStrongIsABlindSpot() throws {
        let (story, _, rating) = Self.reluctantPartner()
        let report = story.report(asOf: 180)
        let blindSpot = try #require(report.flags.first { $0.kind == .blindSpot })
        #expect(report.flags(.blindSpot).count == 1)
        #expect(blindSpot.party == "globex")
        #expect(blindSpot.rules.map(\.rule) == ["rated-strong-on-collaboration-appetite"])
        #expect(blindSpot.evidence.first == rating)
        #expect(blindSpot.severity == .critical)
        // with its latest rating at 2, the same flag is no blind spot
        var humbler = story
        humbler.weakSpot("globex", .collaborationAppetite, rating: 2, day: 170)
        #expect(humbler.report(asOf: 180).flags(.blindSpot).isEmpty)
    }

    @Test func flagHistoryRecordsWhenAFlagWasRaisedAndCleared() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        for day in stride(from: 1, through: 241, by: 60) {
            for (from, to) in [("acme", "globex"), ("globex", "acme")] {
                for category in [InformationCategory.pipeline, .forecast, .roadmap, .customerOverlap, .orgChange] {
                    story.share(category, from: from, to: to, depth: .full, day: day)
                }
            }
        }
        let surprise = story.surprise(about: "acme", affecting: "globex", day: 100)      // 2025-04-11
        let during = story.report(asOf: 150)
        let standing = try #require(during.flags.first { $0.kind == .littleTransparency })
        #expect(standing.party == "acme")
        #expect(standing.rules.map(\.rule) == ["surprise"])
        #expect(standing.evidence == [surprise])
        #expect(standing.firstRaised == (try CalendarDate(parsing: "2025-04-30")))
        // checked at each month end: standing at the end of April, May and June; 90 days old by the end of July
        let later = story.report(asOf: 250)
        #expect(later.flags(.littleTransparency).isEmpty)
        let episode = try #require(later.flagHistory?.first { $0.kind == .littleTransparency })
        #expect(episode.party == "acme")
        #expect(episode.raised == (try CalendarDate(parsing: "2025-04-30")))
        #expect(episode.cleared == (try CalendarDate(parsing: "2025-07-31")))
    }

    @Test func envelopeWithoutRecordingTimeCannotBeProjected() throws {
        let event = PartnershipEvent.partnershipClosed(PartnershipClosed(reason: "Done"))
        let unrecorded = try EventEnvelope(event: event, id: StoryBuilder.eventId(7), partnership: "acme-iot", occurredAt: StoryBuilder().at(3), source: .cli)
        let error = #expect(throws: DomainError.self) { try ProjectionEvent(envelope: unrecorded) }
        #expect(error?.code == .notRecorded)
        #expect(error?.field == "recordedAt")
        let recorded = try EventEnvelope(
            id: StoryBuilder.eventId(7), partnership: "acme-iot", type: "PartnershipClosed", version: 1,
            occurredAt: StoryBuilder().at(3), recordedAt: StoryBuilder().at(4), recordedBy: "ana", source: .cli,
            payload: JSONValue(parsing: event.encodedPayload()))
        let projected = try ProjectionEvent(envelope: recorded)
        #expect(projected.event == event)
        #expect(projected.recordedAt == StoryBuilder().at(4))
        #expect(projected.recordedBy == "ana")
    }

    /// Meetings whose organiser nobody recorded count for no party: they neither make the partner
    /// look passive (no "rarely organises" flag) nor credit anyone's initiative in reciprocity.
    @Test func anUnrecordedOrganiserAccusesNobody() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        for day in stride(from: 10, through: 150, by: 14) {
            story.record(.meetingHeld(MeetingHeld(
                meetingId: story.newMeetingId(), kind: .call, organizer: nil,
                attendees: [.init(party: "acme", seniority: .manager), .init(party: "globex", seniority: .manager)])), day: day)
        }
        let report = story.report(asOf: 160)
        #expect(report.flags(.noCollaborationAppetite).isEmpty)
        let pending = try #require(report.pendingRules.first { $0.rule == "rarely-organises-meetings" && $0.party == "globex" })
        #expect(pending.explanation == "not enough evidence yet: needs 3 meetings with a recorded organiser, has 0")
        let initiative = report.reciprocity.pairs.first?.flow(.initiative)
        #expect(initiative?.givenByA == 0 && initiative?.givenByB == 0)
        // the same calls, each organised by acme: globex organised none of them
        var named = StoryBuilder()
        named.open(["acme", "globex"])
        for day in stride(from: 10, through: 150, by: 14) {
            named.held(.call, day: day, organizer: "acme", attendees: [("acme", .manager), ("globex", .manager)])
        }
        #expect(named.report(asOf: 160).flags(.noCollaborationAppetite).map(\.party) == ["globex"])
    }
}

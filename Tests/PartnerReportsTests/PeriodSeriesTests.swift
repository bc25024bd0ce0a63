import Foundation
import PartnerDomain
import PartnerProjections
import PartnerReports
import ProjectionStories
import Testing

/// The period series a report charts, on a small story whose counts were worked out by hand.
///
/// Day 0 is 2025-01-01. The range runs 2025-01-10 through 2025-03-16 by month, so January and
/// March are partial: the opening (Jan 1), a commitment made on Jan 6 and one missed on Mar 17
/// fall outside it, and an opportunity shared on Mar 4 is retracted.
@Suite("Period series")
struct PeriodSeriesTests {
    struct Fixture {
        var story = StoryBuilder(slug: "acme-globex", start: "2025-01-01")
        var retracted = UUID()

        init(recordLateShareOnDay lateDay: Int? = nil) {
            story.open(["acme", "globex"])                                                         // Jan 1, outside
            story.commit("c1", owner: "acme", to: "globex", dueDay: 60, day: 5)                     // Jan 6, outside
            story.held(.call, day: 9, organizer: "acme", attendees: [("acme", .manager), ("globex", .manager)]) // Jan 10
            story.opportunity("o1", from: "acme", to: "globex", day: 15)                            // Jan 16
            let cancelled = story.scheduled(.call, day: 20, organizer: "acme")                     // Jan 21
            story.cancelled(cancelled, by: "globex", noticeHours: 2, day: 20)                       // Jan 21
            let missed = story.held(.call, day: 23, organizer: "acme", attendees: [("acme", .manager)]) // Jan 24
            story.missed(missed.meetingId, party: "globex", day: 23)                                // Jan 24
            story.commit("c2", owner: "globex", to: "acme", dueDay: 70, day: 31)                    // Feb 1
            story.held(.qbr, day: 40, organizer: "acme", attendees: [
                ("acme", .exec), ("acme", .director), ("globex", .manager), ("globex", .individual),
            ])                                                                                      // Feb 10
            story.opportunity("o2", from: "acme", to: "globex", day: 45)                            // Feb 15
            story.fulfil("c1", day: 50)                                                             // Feb 20
            story.record(
                .opportunityShared(OpportunityShared(opportunityId: "o3", from: "globex", to: "acme", kind: .referral)),
                day: 59, recordedDay: lateDay)                                                      // Mar 1
            retracted = story.opportunity("o4", from: "globex", to: "acme", day: 62)               // Mar 4, retracted
            story.retract(retracted, day: 63)                                                       // Mar 5
            story.miss("c2", day: 75)                                                               // Mar 17, outside
        }

        func series(knownAt: Timestamp? = nil) -> PeriodSeries {
            story.projection.periodSeries(
                from: story.date(9), to: story.date(74), period: .month, knownAt: knownAt, model: .default)
        }
    }

    @Test func periodsAreCalendarMonthsClippedToTheRange() {
        let points = Fixture().series().points
        #expect(points.map(\.period) == ["2025-01", "2025-02", "2025-03"])
        #expect(points.map(\.firstDay.description) == ["2025-01-10", "2025-02-01", "2025-03-01"])
        #expect(points.map(\.lastDay.description) == ["2025-01-31", "2025-02-28", "2025-03-16"])
        #expect(points.map(\.isWhole) == [false, true, false])
    }

    @Test func eachPeriodCountsExactlyTheEventsThatOccurredInIt() {
        let series = Fixture().series()
        // January from the 10th: the call, o1, the scheduling and cancellation, the call missed and its miss.
        // February: c2, the QBR, o2, the fulfilment of c1. March to the 16th: o3 (o4 is retracted).
        #expect(series.points.map(\.eventCount) == [6, 4, 1])
        #expect(series.eventCount == 11)
    }

    @Test func meetingsArePerPartyCallsQBRsAndSeniority() throws {
        let points = Fixture().series().points
        let januaryAcme = try #require(points[0].party("acme"))
        let januaryGlobex = try #require(points[0].party("globex"))
        #expect(januaryAcme.callsHeld == 2)
        #expect(januaryAcme.callsAttended == 2)
        #expect(januaryAcme.meetingsCancelled == 0)
        #expect(januaryAcme.meetingsMissed == 0)
        #expect(januaryGlobex.callsHeld == 2)
        #expect(januaryGlobex.callsAttended == 1)
        #expect(januaryGlobex.meetingsCancelled == 1)
        #expect(januaryGlobex.meetingsMissed == 1)
        #expect(januaryAcme.qbrsHeld == 0)
        let februaryAcme = try #require(points[1].party("acme"))
        let februaryGlobex = try #require(points[1].party("globex"))
        #expect(februaryAcme.qbrsHeld == 1)
        #expect(februaryAcme.qbrAttendees == SeniorityCounts(exec: 1, director: 1))
        #expect(februaryGlobex.qbrAttendees == SeniorityCounts(manager: 1, individual: 1))
        #expect(februaryAcme.callsHeld == 0)
    }

    @Test func commitmentsAreCountedForTheirOwnerInThePeriodOfEachStep() throws {
        let points = Fixture().series().points
        func counts(_ index: Int, _ party: String) -> [Int] {
            guard let figures = points[index].party(party) else { return [] }
            return [figures.commitmentsMade, figures.commitmentsFulfilled, figures.commitmentsMissed]
        }
        // c1 was made on Jan 6, before the range: only its fulfilment (Feb 20) counts. c2's miss (Mar 17) is after it.
        #expect(counts(0, "acme") == [0, 0, 0])
        #expect(counts(1, "acme") == [0, 1, 0])
        #expect(counts(1, "globex") == [1, 0, 0])
        #expect(counts(2, "globex") == [0, 0, 0])
    }

    @Test func opportunitiesFlowEachWayAndARetractedOneIsLeftOut() throws {
        let points = Fixture().series().points
        let shared = points.map { [$0.party("acme")?.opportunitiesShared, $0.party("globex")?.opportunitiesShared] }
        let received = points.map { [$0.party("acme")?.opportunitiesReceived, $0.party("globex")?.opportunitiesReceived] }
        #expect(shared == [[1, 0], [1, 0], [0, 1]])
        #expect(received == [[0, 1], [0, 1], [1, 0]])
    }

    @Test func knownAtLeavesOutWhatWasRecordedLater() throws {
        let fixture = Fixture(recordLateShareOnDay: 80)
        let asKnown = fixture.series(knownAt: fixture.story.at(74))
        #expect(asKnown.points[2].eventCount == 0)
        #expect(asKnown.points[2].party("globex")?.opportunitiesShared == 0)
        #expect(fixture.series().points[2].party("globex")?.opportunitiesShared == 1)
    }

    @Test func scoresAreTakenAtEachPeriodsLastInstant() throws {
        let fixture = Fixture()
        let points = fixture.series().points
        for point in points {
            let end = point.lastDay.adding(days: 1).startOfDay.adding(milliseconds: -1)
            let report = fixture.story.projection.evaluate(asOf: end, knownAt: nil, model: .default)
            #expect(point.health == report.health.score, "\(point.period)")
            #expect(point.band == report.health.band, "\(point.period)")
            for party in ["acme", "globex"] {
                #expect(point.party(party)?.transparency == report.transparency.party(party)?.score, "\(point.period) \(party)")
            }
        }
    }

    @Test func periodsBeforeTheOpeningAreLeftOutAndAnUnopenedPartnershipHasNone() {
        let fixture = Fixture()
        let early = fixture.story.projection.periodSeries(
            from: FixedLedger.day("2024-11-15"), to: FixedLedger.day("2025-02-28"), period: .quarter, knownAt: nil, model: .default)
        #expect(early.points.map(\.period) == ["2025-Q1"])
        #expect(early.points.first?.firstDay.description == "2025-01-01")
        #expect(early.points.first?.lastDay.description == "2025-02-28")
        let before = fixture.story.projection.periodSeries(
            from: FixedLedger.day("2024-01-01"), to: FixedLedger.day("2024-12-31"), period: .month, knownAt: nil, model: .default)
        #expect(before.points.isEmpty)
    }

    @Test func quartersCoverTheSameEventsAsMonths() {
        let fixture = Fixture()
        let quarters = fixture.story.projection.periodSeries(
            from: fixture.story.date(9), to: fixture.story.date(74), period: .quarter, knownAt: nil, model: .default)
        #expect(quarters.points.map(\.period) == ["2025-Q1"])
        #expect(quarters.eventCount == fixture.series().eventCount)
        #expect(quarters.points.first?.party("globex")?.callsAttended == 1)
    }
}

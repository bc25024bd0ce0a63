import EventLog
import Foundation
import Testing

@Suite("Bitemporal reads")
struct TemporalTests {
    static let day: Int64 = 86_400_000

    @Test func readsAsOfBusinessTimeAndAsKnownAtRecordedTime() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        let start = ledger.clock.now
        // Day 0: record a call that happened on day 0.
        try log.append(to: "a", [sample("Call", occurredAt: start)])
        // Day 10: record a meeting that happened on day 2 (recorded late).
        ledger.clock.advance(byMilliseconds: 10 * Self.day)
        try log.append(to: "a", [sample("Meeting", occurredAt: start + 2 * Self.day)])
        // Day 20: record a call of day 20.
        ledger.clock.advance(byMilliseconds: 10 * Self.day)
        try log.append(to: "a", [sample("Call", occurredAt: start + 20 * Self.day)])

        let asOfDay5 = try log.events(where: EventFilter(occurredThrough: start + 5 * Self.day))
        #expect(asOfDay5.map(\.type) == ["Call", "Meeting"])
        let knownAtDay5 = try log.events(where: EventFilter(recordedThrough: start + 5 * Self.day))
        #expect(knownAtDay5.map(\.type) == ["Call"])
        // What had happened by day 5, as we knew it on day 5: only the first call.
        let both = try log.events(where: EventFilter(occurredThrough: start + 5 * Self.day, recordedThrough: start + 5 * Self.day))
        #expect(both.map(\.position) == [1])
        let from = try log.events(where: EventFilter(occurredFrom: start + 1 * Self.day))
        #expect(from.map(\.position) == [2, 3])
    }

    @Test func recordedTimeNeverDecreasesEvenWhenTheClockGoesBack() throws {
        let ledger = TestLedger()
        let log = try ledger.open()
        try log.append(to: "a", samples(1))
        ledger.clock.advance(byMilliseconds: -60_000)
        try log.append(to: "a", samples(1))
        let events = try log.events()
        #expect(events[1].recordedAt == events[0].recordedAt)
    }

    @Test(arguments: [
        ("2024-01-01T00:00:38.726Z", Int64(1_704_067_238_726)),
        ("2024-01-01", 1_704_067_200_000),
        ("2024-02-29T12:00:00Z", 1_709_208_000_000),
        ("2024-01-01T01:00:00+01:00", 1_704_067_200_000),
        ("2023-12-31T19:00:00.5-05:00", 1_704_067_200_500),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.999Z", -1),
    ])
    func parsesISO8601(text: String, milliseconds: Int64) {
        #expect(LogTime.parse(text) == milliseconds)
    }

    @Test(arguments: ["2025-02-29", "2024-13-01", "2024-01-32", "2024-1-1", "yesterday", "2024-01-01T25:00:00Z", "2024-01-01T10:00:00", ""])
    func rejectsWhatIsNotAnInstant(text: String) {
        #expect(LogTime.parse(text) == nil)
    }

    @Test(arguments: [Int64(1_704_067_238_726), 0, -1, 951_782_400_000, 253_402_300_799_999])
    func formatsCanonically(milliseconds: Int64) {
        #expect(LogTime.parse(LogTime.format(milliseconds)) == milliseconds)
    }

    @Test func formatsTheExampleExactly() {
        #expect(LogTime.format(1_704_067_238_726) == "2024-01-01T00:00:38.726Z")
        #expect(LogTime.format(-1) == "1969-12-31T23:59:59.999Z")
    }
}

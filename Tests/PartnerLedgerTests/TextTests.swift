import Foundation
@testable import PartnerLedger
import TestSupport
import Testing

@Suite("Summaries, times and JSON syntax")
struct TextTests {
    @Test(arguments: [
        (PartnershipEvent.commitmentFulfilled(CommitmentFulfilled(commitmentId: "c-7f3a2", quality: 4)), "commitment c-7f3a2 fulfilled, quality 4/5"),
        (.meetingCancelled(MeetingCancelled(meetingId: "m-1", by: "initech", noticeHours: 0)), "meeting m-1 cancelled by initech with 0 h notice"),
        (.weakSpotAssessed(WeakSpotAssessed(party: "acme", area: .transparency, rating: 2)), "acme rates itself 2/5 on transparency"),
        (.disclosureMade(DisclosureMade(party: "acme", topic: "Line one\nline two", proactive: false)), #"acme discloses when asked: "Line one line two""#),
        (.opportunityWon(OpportunityWon(opportunityId: "o-1", value: Decimal(string: "1500.5"))), "opportunity o-1 won, value 1500.5"),
    ])
    func summariesAreOneLine(event: PartnershipEvent, expected: String) {
        #expect(EventSummary.line(for: event) == expected)
    }

    @Test func longTextsAreCut() {
        let summary = EventSummary.line(for: .partnershipClosed(PartnershipClosed(reason: String(repeating: "a", count: 100))))
        #expect(summary == "closed: \"" + String(repeating: "a", count: 59) + "…\"")
    }

    @Test func everyEventTypeHasASummary() throws {
        for entry in EventCatalog.entries where entry.isCurrent {
            #expect(EventCatalog.eventTypes.contains(entry.type))
        }
        #expect(EventSummary.line(for: .execAccessRequested(ExecAccessRequested(by: "initech", granted: false))) == "initech asks for executive access, refused")
    }

    @Test func aDateAloneIsTheStartOrTheEndOfItsDay() throws {
        #expect(try TimeText.instant("2025-03-01", field: "--at").description == "2025-03-01T00:00:00.000Z")
        #expect(try TimeText.instant("2025-03-01", endOfDay: true, field: "--until").description == "2025-03-01T23:59:59.999Z")
        #expect(try TimeText.instant("2025-03-01T10:30:00+01:00", endOfDay: true, field: "--until").description == "2025-03-01T09:30:00.000Z")
        let error = #expect(throws: DomainError.self) { try TimeText.instant("yesterday", field: "--at") }
        #expect(error?.field == "--at")
        #expect(error?.code == .invalidTimestamp)
    }

    @Test(arguments: [
        (#"{"a":1,"b":{"c":tru}}"#, 19, "b.c"),
        (#"{"a":"x" "b":1}"#, 9, "a"),
        (#"{"list":[1,2,}"#, 13, "list[2]"),
        (#"{"a":"unterminated"#, 18, "a"),
        (#"{"a":1} extra"#, 8, ""),
        ("{\"a\":\"tab\there\"}", 9, "a"),
    ])
    func syntaxErrorsNameTheirColumnAndField(text: String, offset: Int, path: String) throws {
        let failure = try #require(JSONSyntax.firstError(in: Array(text.utf8)))
        #expect(failure.offset == offset)
        #expect(failure.path == path)
    }

    @Test func validJSONHasNoSyntaxError() {
        #expect(JSONSyntax.firstError(in: Array(#"{"a":[1,-2.5e3,true,false,null,"\u00e9\n"],"b":{}}"#.utf8)) == nil)
    }

    @Test func invalidUTF8IsFoundAtItsOffset() {
        #expect(LineDecoding.firstInvalidUTF8(Array("café".utf8)) == nil)
        #expect(LineDecoding.firstInvalidUTF8([0x61, 0x62, 0xE9, 0x63]) == 2)
    }
}

@Suite("The demo ledger")
struct DemoTests {
    @Test func theDemoTellsFourStoriesAndVerifies() throws {
        let directory = TemporaryDirectory()
        let today = try CalendarDate(parsing: "2026-06-15")
        let ledger = try Demo.create(at: directory.appending("demo"), today: today)
        let overviews = try ledger.partnerships(today: today)
        #expect(overviews.map(\.slug) == ["helix", "lumen", "orbital", "quarry"])
        let helix = try #require(overviews.first { $0.slug == "helix" })
        #expect(helix.charters.first?.signedBy == ["northwind", "helix"])
        #expect(helix.commitments.allSatisfy { $0.status == "fulfilled" })
        #expect(Set(helix.commitments.map(\.owner)) == ["northwind", "helix"])
        #expect(Set(helix.opportunities.map(\.from)) == ["northwind", "helix"])
        #expect(helix.retractedCount == 1)
        let quarry = try #require(overviews.first { $0.slug == "quarry" })
        #expect(Set(quarry.opportunities.map(\.from)) == ["northwind"])
        #expect(quarry.commitments.filter { $0.owner == "quarry" }.allSatisfy { $0.status == "missed" })
        #expect(quarry.investments.allSatisfy { investment in
            investment.party == "quarry" && ["fee", "purchase"].contains(investment.kind)
        })
        #expect(quarry.charters.first?.signedBy == ["northwind"])
        let orbital = try #require(overviews.first { $0.slug == "orbital" })
        #expect(orbital.investments.first?.upfront == true)
        #expect(orbital.meetings.contains { $0.absentParties == ["orbital"] })
        let lumen = try #require(overviews.first { $0.slug == "lumen" })
        #expect(lumen.eventCount < 10)
        #expect(try ledger.verify().isIntact)
    }

    @Test func theDemoIsRepeatable() throws {
        let directory = TemporaryDirectory()
        let today = try CalendarDate(parsing: "2026-06-15")
        let first = try Demo.create(at: directory.appending("one"), today: today).head()
        let second = try Demo.create(at: directory.appending("two"), today: today).head()
        #expect(first == second)
    }
}

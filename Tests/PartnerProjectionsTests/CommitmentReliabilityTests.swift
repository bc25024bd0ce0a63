import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

/// Scenarios of one commitment owed by acme to globex, evaluated as of 2025-07-01 (day 181).
enum CommitmentScenario: String, CaseIterable, Sendable {
    case onTime, renegotiatedEarly, renegotiatedLate, lateWithinTolerance, lateBeyondTolerance, missed, overdueOpen
    case openNotYetDue, withdrawn, settledBeforeTheWindow

    /// Day 0 is 2025-01-01; day 136 is 2025-05-17, 45 days before day 181.
    func build() -> (builder: StoryBuilder, settling: UUID?) {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        let made = story.commit("c-1", owner: "acme", to: "globex", dueDay: dueDay, day: 5)
        switch self {
        case .onTime, .lateWithinTolerance, .lateBeyondTolerance:
            let settling = story.fulfil("c-1", day: 136)
            return (story, settling)
        case .renegotiatedEarly:
            story.renegotiate("c-1", newDueDay: 139, by: "acme", day: 120)   // 9 days before day 129
            let settling = story.fulfil("c-1", day: 136)
            return (story, settling)
        case .renegotiatedLate:
            story.renegotiate("c-1", newDueDay: 139, by: "acme", day: 126)   // 3 days before day 129
            let settling = story.fulfil("c-1", day: 136)
            return (story, settling)
        case .missed:
            let settling = story.miss("c-1", day: 136)
            return (story, settling)
        case .overdueOpen:
            return (story, made)
        case .openNotYetDue:
            return (story, nil)
        case .withdrawn:
            story.withdraw("c-1", by: "acme", day: 100)
            return (story, nil)
        case .settledBeforeTheWindow:
            let settling = story.fulfil("c-1", day: 59)
            return (story, settling)                    // 122 days before day 181
        }
    }

    var dueDay: Int {
        switch self {
        case .onTime: 139                        // 2025-05-20, fulfilled 3 days early
        case .renegotiatedEarly, .renegotiatedLate, .lateWithinTolerance: 129 // 2025-05-10
        case .lateBeyondTolerance: 120           // 2025-05-01, fulfilled 16 days late
        case .missed: 139
        case .overdueOpen: 90                    // 2025-04-01: overdue from 2025-04-02, 90 days before day 181
        case .openNotYetDue: 200
        case .withdrawn: 139
        case .settledBeforeTheWindow: 60
        }
    }

    /// The credit, the decay weight, the aspect and the score 100 * (w * credit + 1.4) / (w + 2); nil when the commitment does not count.
    var expected: (credit: Double, weight: Double, aspect: String, score: Double)? {
        let w45 = 0.7071067811865476 // 0.5^(45/90)
        switch self {
        case .onTime: return (1, w45, "fulfilled-on-time", 77.83611624891223)                  // (0.7071 + 1.4) / 2.7071
        case .renegotiatedEarly: return (0.9, w45, "fulfilled-as-renegotiated", 75.22407749927483) // (0.6364 + 1.4) / 2.7071
        case .renegotiatedLate: return (0.6, w45, "fulfilled-late", 67.3879612503626)          // 7 days late against day 129: (0.4243 + 1.4) / 2.7071
        case .lateWithinTolerance: return (0.6, w45, "fulfilled-late", 67.3879612503626)       // 7 days late
        case .lateBeyondTolerance: return (0, w45, "fulfilled-too-late", 51.7157287525381)     // 1.4 / 2.7071
        case .missed: return (0, w45, "missed", 51.7157287525381)
        case .overdueOpen: return (0, 0.5, "overdue", 56)                                      // 1.4 / 2.5
        case .openNotYetDue, .withdrawn, .settledBeforeTheWindow: return nil
        }
    }
}

@Suite("Commitment reliability credits each outcome")
struct CommitmentReliabilityTests {
    /// One commitment each: the formula alone, without the evidence need (two settled) that would keep the component silent.
    @Test(arguments: CommitmentScenario.allCases)
    func creditsOutcomesByTimeliness(_ scenario: CommitmentScenario) throws {
        let (story, settling) = scenario.build()
        let component = try #require(story.report(asOf: 181, model: .formulasOnly).health.component(.commitmentReliability))
        guard let expected = scenario.expected else {
            #expect(component.score == nil)
            #expect(component.evidence.isEmpty)
            return
        }
        let evidence = try #require(component.evidence.first)
        #expect(component.evidence.count == 1)
        #expect(evidence.eventId == settling)
        #expect(evidence.party == "acme")
        #expect(evidence.aspect == expected.aspect)
        #expect(evidence.credit == expected.credit)
        #expect(close(evidence.weight, expected.weight))
        #expect(close(component.score, expected.score))
        #expect(component.partyScores.map(\.party) == ["acme"])
    }

    @Test func reliabilityIsTheLowestOwnerScore() throws {
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        story.commit("c-1", owner: "acme", to: "globex", dueDay: 139, day: 5)
        story.commit("c-2", owner: "acme", to: "globex", dueDay: 139, day: 5)
        story.commit("c-3", owner: "acme", to: "globex", dueDay: 90, day: 5)
        story.commit("c-4", owner: "globex", to: "acme", dueDay: 139, day: 5)
        let kept = story.fulfil("c-1", day: 136)
        let missed = story.miss("c-2", day: 136)
        story.fulfil("c-4", day: 136)
        let component = try #require(story.report(asOf: 181).health.component(.commitmentReliability))
        // acme: on time (w 0.7071, 1), missed (w 0.7071, 0), overdue since day 91 (w 0.5, 0):
        // 100 * (0.7071 + 1.4) / (0.7071 + 0.7071 + 0.5 + 2) = 210.7107 / 3.9142 = 53.8322
        // globex: on time (w 0.7071, 1): 77.8361
        #expect(component.partyScores.map(\.party) == ["acme", "globex"])
        #expect(close(component.partyScores.first?.score, 53.83218742691848))
        #expect(close(component.partyScores.last?.score, 77.83611624891223))
        #expect(close(component.score, 53.83218742691848))
        #expect(component.evidence.map(\.eventId).contains(kept))
        #expect(component.evidence.map(\.eventId).contains(missed))
    }
}

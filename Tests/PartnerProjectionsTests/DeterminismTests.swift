import Foundation
import PartnerDomain
import PartnerProjections
import ProjectionStories
import Testing

@Suite("State and reports encode deterministically")
struct DeterminismTests {
    static func encoded<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// Every story's events, interleaved by recording order as the log would hold them.
    static var ledger: [ProjectionEvent] {
        let stories = [
            Stories.reciprocalAlliance().story, Stories.inheritedCustomer().story,
            Stories.souringInvestment().story, Stories.misalignedObjectives().story,
        ]
        return stories.flatMap(\.events).enumerated()
            .sorted { ($0.element.recordedAt, $0.offset) < ($1.element.recordedAt, $1.offset) }
            .map(\.element)
    }

    @Test func stateRoundTripsThroughJSONUnchanged() throws {
        var portfolio = PortfolioProjection()
        for event in Self.ledger { portfolio.apply(event) }
        let bytes = try Self.encoded(portfolio)
        let decoded = try JSONDecoder().decode(PortfolioProjection.self, from: bytes)
        #expect(decoded == portfolio)
        #expect(try Self.encoded(decoded) == bytes)
    }

    @Test func checkpointThenIncrementalEqualsRebuildByteForByte() throws {
        let events = Self.ledger
        var rebuilt = PortfolioProjection()
        for event in events { rebuilt.apply(event) }
        for cut in [1, events.count / 3, events.count - 1] {
            var first = PortfolioProjection()
            for event in events[..<cut] { first.apply(event) }
            var resumed = try JSONDecoder().decode(PortfolioProjection.self, from: Self.encoded(first))
            for event in events[cut...] { resumed.apply(event) }
            #expect(try Self.encoded(resumed) == Self.encoded(rebuilt))
        }
    }

    @Test func portfolioEncodingDoesNotDependOnTheOrderPartnershipsAppeared() throws {
        let alliance = Stories.reciprocalAlliance().story.events
        let misaligned = Stories.misalignedObjectives().story.events
        var one = PortfolioProjection()
        for event in alliance + misaligned { one.apply(event) }
        var other = PortfolioProjection()
        for event in misaligned + alliance { other.apply(event) }
        #expect(try Self.encoded(one) == Self.encoded(other))
        #expect(one.slugs == ["acme-initech", "acme-umbrella"])
    }

    @Test func reportsEncodeTheSameBytesEveryTime() throws {
        let projection = Stories.inheritedCustomer().story.projection
        let asOf = StoryBuilder().at(400)
        let first = try Self.encoded(projection.evaluate(asOf: asOf, knownAt: nil, model: .default))
        let second = try Self.encoded(projection.evaluate(asOf: asOf, knownAt: nil, model: .default))
        #expect(first == second)
        let decoded = try JSONDecoder().decode(PartnershipReport.self, from: first)
        #expect(try Self.encoded(decoded) == first)
    }

    @Test func idsAreWrittenInLowerCaseAsTheLedgerWritesThem() throws {
        let charterId = try #require(UUID(uuidString: "0B7E6F1C-3D2A-4C5B-9E8F-1A2B3C4D5E6F"))
        var story = StoryBuilder()
        story.open(["acme", "globex"])
        var projection = story.projection
        projection.apply(ProjectionEvent(
            id: charterId, partnership: story.slug, occurredAt: story.at(5), recordedAt: story.at(5), recordedBy: "tester",
            event: .charterAgreed(CharterAgreed(charterId: "ch-1", why: "Why", jointObjectiveIds: [], signedBy: ["acme", "globex"]))))
        let state = String(decoding: try Self.encoded(projection), as: UTF8.self)
        let report = projection.evaluate(asOf: story.at(10), knownAt: nil, model: .default)
        #expect(report.classification.rules.first?.predicates.first?.evidence == [charterId])
        let text = String(decoding: try Self.encoded(report), as: UTF8.self)
        for encoded in [state, text] {
            #expect(encoded.contains("0b7e6f1c-3d2a-4c5b-9e8f-1a2b3c4d5e6f"))
            #expect(!encoded.contains("0B7E6F1C"))
        }
    }
}

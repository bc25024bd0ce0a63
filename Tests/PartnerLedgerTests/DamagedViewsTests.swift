import EventLog
import Foundation
@testable import PartnerLedger
import PartnerDomain
import PartnerProjections
import ProjectionStore
import Testing

/// A damaged view checkpoint never changes an answer: the session rebuilds it from the log and says so.
@Suite("Damaged views are rebuilt")
struct DamagedViewsTests {
    @Test func aDamagedCheckpointIsRebuiltAndTheAnswerIsTheSame() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        try test.ledger.record(in: "acme-iot") { _ in .disclosureMade(DisclosureMade(party: "acme", topic: "New CEO", proactive: true)) }
        let view = ViewPoint(asOf: TestLedger.start.adding(milliseconds: 90 * 86_400_000), knownAt: nil)
        let before = try test.ledger.projections(model: .default).report(for: "acme-iot", at: view)

        let consumer = ProjectionViews.consumer(of: "acme-iot")
        let stored = try #require(try test.ledger.log.checkpoint(of: consumer))
        var bytes = stored.state
        bytes[bytes.count / 3] ^= 0x01
        try test.ledger.log.saveCheckpoint(consumer: consumer, previous: stored.position, position: stored.position, state: bytes)

        var heard: [[String]] = []
        let states = try test.ledger.projections(model: .default, onRepair: { heard.append($0) })
        let after = try states.report(for: "acme-iot", at: view)
        #expect(after == before)
        #expect(heard == [["acme-iot"]])
        #expect(try test.ledger.log.checkpoint(of: consumer)?.state == stored.state)
    }

    /// `rebuildViews` rewrites a damaged checkpoint too, and every other one, from the log.
    @Test func rebuildingOnDemandRepairsAndRewritesEveryView() throws {
        let test = try TestLedger()
        try test.openAcmeIoT()
        _ = try test.ledger.projections(model: .default)
        let consumer = ProjectionViews.consumer(of: "acme-iot")
        let stored = try #require(try test.ledger.log.checkpoint(of: consumer))
        var bytes = stored.state
        bytes[0] ^= 0xFF
        try test.ledger.log.saveCheckpoint(consumer: consumer, previous: stored.position, position: stored.position, state: bytes)
        let rebuilt = try test.ledger.rebuildViews()
        #expect(rebuilt.partnerships == 1)
        #expect(rebuilt.position == stored.position)
        #expect(try test.ledger.log.checkpoint(of: consumer)?.state == stored.state)
    }
}

import Foundation
import PartnerDomain
@testable import PartnerLedger
import PartnerProjections
import ProjectionStore
import TestSupport
import Testing

/// The demo is dated from the day it runs: its stories must read the same whatever that day.
@Suite("The demo's stories on any day")
struct DemoStoryTests {
    @Test(arguments: ["2026-01-01", "2026-03-17", "2026-06-15", "2026-08-31", "2026-11-27"])
    func eachPartnershipReadsAsItsStoryTells(day: String) throws {
        let directory = TemporaryDirectory()
        let today = try CalendarDate(parsing: day)
        let ledger = try Demo.create(at: directory.appending("demo"), today: today)
        let states = try ProjectionViews(log: ledger.log, model: .default).replay().partnerships
        let view = ViewPoint(asOf: today.startOfDay)
        func report(_ slug: String) throws -> PartnershipReport {
            try #require(states[slug]).evaluate(at: view, model: .default)
        }
        let quarry = try report("quarry")
        #expect(quarry.health.band == .red)
        #expect(quarry.engagement.overallTrend.direction == .falling, "\(day): \(quarry.engagement.overallTrend)")
        #expect(quarry.classification.verdict == .supplierCustomer)
        #expect(quarry.flags.contains { $0.kind == .poorOperationalEngagement && $0.party == "quarry" && $0.severity == .critical })
        let helix = try report("helix")
        #expect(helix.health.band == .green)
        #expect(helix.flags.isEmpty)
        #expect(helix.classification.verdict == .truePartnership)
        let orbital = try report("orbital")
        #expect(orbital.flags.contains { $0.kind == .upfrontInvestment && $0.party == "orbital" })
    }
}

import PartnerProjections
@testable import ProjectionStore
import Testing

@Suite("States kept after saving")
struct SavedStatesTests {
    @Test func aStateIsReusedOnlyAtThePositionItWasSavedAt() {
        let states = SavedStates()
        states.remember(PartnershipProjection(slug: "acme"), of: "views/acme", at: 7)
        #expect(states.state(of: "views/acme", at: 7) != nil)
        #expect(states.state(of: "views/acme", at: 8) == nil)
        #expect(states.state(of: "views/other", at: 7) == nil)
    }

    @Test func onlyTheMostRecentlySavedStatesAreKept() {
        let states = SavedStates()
        for index in 0...SavedStates.capacity {
            states.remember(PartnershipProjection(slug: "p\(index)"), of: "views/p\(index)", at: 1)
        }
        #expect(states.state(of: "views/p0", at: 1) == nil)
        #expect(states.state(of: "views/p1", at: 1) != nil)
        #expect(states.state(of: "views/p\(SavedStates.capacity)", at: 1) != nil)
    }
}

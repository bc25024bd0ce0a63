import Foundation
import PartnerDomain
import PartnerProjections

/// The histories behind the verdict tests: each is what a seasoned alliance manager has seen,
/// and `Tests/ProjectionStories/README.md` says the verdict they would give and why.
extension Stories {
    /// A fresh pilot: acme and nova opened five weeks ago with a 14-day cadence. A kick-off call
    /// nova organised, one objective, one request to acme, one commitment by acme not yet due;
    /// the next call is scheduled on day 40. Evaluate as of day 35.
    public static func freshPilot() -> StoryBuilder {
        var story = StoryBuilder(slug: "acme-nova")
        story.open(["acme", "nova"], callCadenceDays: 14)
        story.held(.call, day: 5, organizer: "nova", attendees: [("acme", .director), ("nova", .exec)])
        story.objective("n-learning", party: "nova", kind: .learning, horizon: .long, day: 8)
        story.request("r-1", by: "nova", to: "acme", category: .roadmap, day: 15)
        story.commit("c-1", owner: "acme", to: "nova", kind: .data, dueDay: 60, day: 20)
        _ = story.scheduled(.call, day: 40, organizer: "acme")
        return story
    }

    /// One side invests, the other never commits: acme puts 200,000 in cash up front (day 20,
    /// return expected by day 200), organises every call, and fulfils a people commitment to
    /// zeta every two months; zeta signs the charter and comes to the calls for four months,
    /// then stops turning up, and never commits a resource of its own. Evaluate as of day 400.
    public static func oneSidedInvestment() -> (story: StoryBuilder, investment: UUID, noShows: [UUID]) {
        var story = StoryBuilder(slug: "acme-zeta")
        let parties = ["acme", "zeta"]
        story.open(parties, callCadenceDays: 14)
        story.objective("a-market", party: "acme", kind: .market, horizon: .long, day: 3)
        story.objective("z-revenue", party: "zeta", kind: .revenue, horizon: .long, day: 3)
        story.charter(joint: ["a-market", "z-revenue"], signedBy: parties, day: 10)
        let investment = story.invest("acme", amount: 200_000, upfront: true, expectedReturnDay: 200, day: 20)
        var noShows: [UUID] = []
        for day in stride(from: 7, through: 399, by: 14) {
            if day < 120 {
                story.held(.call, day: day, organizer: "acme", attendees: [("acme", .director), ("zeta", .manager)])
            } else {
                let meeting = story.scheduled(.call, day: day - 3, organizer: "acme")
                noShows.append(story.missed(meeting, party: "zeta", day: day))
            }
        }
        for (index, day) in stride(from: 30, through: 390, by: 60).enumerated() {
            let id = "c-acme-\(index)"
            story.commit(id, owner: "acme", to: "zeta", kind: .people, dueDay: day + 30, day: day)
            story.fulfil(id, day: day + 20)
        }
        for day in stride(from: 15, through: 395, by: 60) {
            for category in [InformationCategory.pipeline, .forecast, .roadmap] {
                story.share(category, from: "acme", to: "zeta", depth: .full, day: day)
            }
        }
        return (story, investment, noShows)
    }

    /// A commercial agreement recorded as a partnership: acme and dyno pass each other deals
    /// every month (most accepted, a third won), agree a charter whose joint objectives are
    /// revenue and leads, meet monthly, share their pipelines and forecasts each quarter, and
    /// commit no resources to each other. Evaluate as of day 400.
    public static func commercialAgreement() -> StoryBuilder {
        var story = StoryBuilder(slug: "acme-dyno")
        let parties = ["acme", "dyno"]
        story.open(parties, callCadenceDays: 30)
        story.objective("a-revenue", party: "acme", kind: .revenue, horizon: .long, day: 2)
        story.objective("d-leads", party: "dyno", kind: .leads, horizon: .long, day: 2)
        story.charter(joint: ["a-revenue", "d-leads"], signedBy: parties, day: 5)
        for (index, day) in stride(from: 10, through: 395, by: 30).enumerated() {
            story.held(.call, day: day, organizer: parties[index % 2], attendees: [("acme", .manager), ("dyno", .manager)])
            for deal in 0..<3 {
                let id = "o-\(index)-\(deal)"
                let from = parties[(index + deal) % 2]
                story.opportunity(id, from: from, to: parties[1 - (index + deal) % 2], kind: .coSell, value: 25_000, day: day + deal)
                story.accept(id, day: day + deal + 2)
                if deal == 0, day + 20 <= 400 { story.win(id, value: 30_000, day: day + 20) }
                if deal == 1, day + 25 <= 400 { story.lose(id, day: day + 25) }
            }
        }
        for day in stride(from: 20, through: 380, by: 90) {
            for (side, from) in parties.enumerated() {
                for category in [InformationCategory.pipeline, .forecast, .customerOverlap] {
                    story.share(category, from: from, to: parties[1 - side], depth: .full, day: day)
                }
            }
        }
        return story
    }

    /// The reciprocal alliance of ``reciprocalAlliance()`` with the two things that happen in
    /// every real one: initech asks, 20 days ahead, to move a people commitment by two weeks and
    /// delivers on the new date; and a surprise typed against the wrong partnership's partner
    /// is retracted the next day. Evaluate as of day 420.
    public static func renegotiatedAlliance() -> (story: StoryBuilder, renegotiation: UUID, delivered: UUID, retracted: UUID) {
        var (story, _, _) = reciprocalAlliance()
        story.commit("c-moved", owner: "initech", to: "acme", kind: .people, dueDay: 360, value: 20_000, day: 300)
        let renegotiation = story.renegotiate("c-moved", newDueDay: 374, by: "initech", day: 340)
        let delivered = story.fulfil("c-moved", day: 372)
        let mistake = story.surprise(about: "initech", affecting: "acme", day: 380)
        story.retract(mistake, day: 381)
        return (story, renegotiation, delivered, mistake)
    }
}

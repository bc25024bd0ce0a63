import Foundation
import PartnerDomain
import PartnerProjections

/// The four partnership histories of the story tests, each over more than a year from 2025-01-01.
public enum Stories {
    /// The first day of each month of 2025 and 2026 as a day number from 2025-01-01.
    public static func monthStart(_ index: Int) -> Int {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return lengths.prefix(index).reduce(0, +)
    }

    /// A reciprocal alliance: a signed charter with success measures reviewed at every QBR, calls every 14 days that
    /// both sides attend and organise in turn, opportunities and introductions both ways, resourcing commitments kept
    /// on both sides, information shared in full and requests answered within days. Evaluate as of day 420.
    public static func reciprocalAlliance() -> (story: StoryBuilder, charter: UUID, fulfilments: [UUID]) {
        var story = StoryBuilder(slug: "acme-initech")
        let parties = ["acme", "initech"]
        story.open(parties, callCadenceDays: 14)
        story.objective("a-innovation", party: "acme", kind: .innovation, horizon: .long, day: 2)
        story.objective("i-market", party: "initech", kind: .market, horizon: .long, day: 2)
        let charter = story.charter(
            joint: ["a-innovation", "i-market"], signedBy: parties, successMeasures: ["Joint pipeline", "Shared roadmap"], day: 10)
        story.invest("acme", amount: 50_000, kind: .cash, day: 20)
        story.invest("initech", amount: 45_000, kind: .integration, day: 25)
        var fulfilments: [UUID] = []
        for (index, day) in stride(from: 7, through: 413, by: 14).enumerated() {
            let organizer = parties[index % 2]
            story.held(
                .call, day: day, organizer: organizer,
                attendees: [("acme", .director), ("acme", .manager), ("initech", .director), ("initech", .manager)],
                actionItems: [("act-a-\(index)", "acme", day + 10), ("act-i-\(index)", "initech", day + 10)])
            story.closeAction("act-a-\(index)", day: day + 7)
            story.closeAction("act-i-\(index)", day: day + 6)
        }
        for (index, day) in stride(from: 45, through: 420, by: 91).enumerated() {
            story.held(
                .qbr, day: day, organizer: parties[index % 2],
                attendees: [("acme", .exec), ("acme", .director), ("initech", .exec), ("initech", .manager)], scorecardReviewed: true)
        }
        for (index, day) in stride(from: 15, through: 405, by: 30).enumerated() {
            let from = parties[index % 2]
            let to = parties[(index + 1) % 2]
            let id = "opp-\(index)"
            story.opportunity(id, from: from, to: to, kind: index % 3 == 0 ? .intro : .coSell, value: 10_000, day: day)
            story.accept(id, day: day + 3)
            if index % 2 == 0, day + 40 <= 420 {
                story.win(id, value: 12_000, day: day + 40)
            }
        }
        let kinds: [CommitmentKind] = [.resource, .people, .funding]
        for (index, day) in stride(from: 30, through: 390, by: 60).enumerated() {
            for (side, owner) in parties.enumerated() {
                let id = "c-\(owner)-\(index)"
                story.commit(id, owner: owner, to: parties[1 - side], kind: kinds[(index + side) % 3], dueDay: day + 30, value: 20_000, day: day)
                fulfilments.append(story.fulfil(id, day: day + 25))
            }
        }
        for day in stride(from: 12, through: 412, by: 45) {
            for (side, from) in parties.enumerated() {
                for category in [InformationCategory.pipeline, .forecast, .roadmap, .customerOverlap, .orgChange] {
                    story.share(category, from: from, to: parties[1 - side], depth: .full, day: day)
                }
            }
        }
        for (index, day) in stride(from: 50, through: 410, by: 40).enumerated() {
            let asker = parties[index % 2]
            let id = "req-\(index)"
            story.request(id, by: asker, to: parties[(index + 1) % 2], category: .forecast, day: day)
            story.answer(id, day: day + 2)
        }
        for day in stride(from: 40, through: 400, by: 60) {
            story.disclose("acme", day: day)
            story.disclose("initech", day: day + 5)
        }
        for day in [100, 300] {
            story.survey("acme", .strategic, score: 4, day: day)
            story.survey("initech", .strategic, score: 4, day: day)
            story.survey("acme", .operational, score: 5, day: day)
            story.survey("initech", .operational, score: 4, day: day)
        }
        return (story, charter, fulfilments)
    }

    /// A relationship acme inherited with globex, recorded as a partnership: globex buys from acme every month and never engages.
    /// Weekly calls that acme organises, which globex attends less and less in the second half; QBRs without globex's
    /// executives; globex shares nothing and declines requests; opportunities flow from acme only and globex accepts few;
    /// globex's commitments are missed while acme delivers. Evaluate as of day 400 (2026-02-05).
    public static func inheritedCustomer() -> (story: StoryBuilder, missedByGlobex: [UUID], payments: [UUID], noShows: [UUID]) {
        var story = StoryBuilder(slug: "acme-globex")
        story.open(["acme", "globex"], callCadenceDays: 14)
        story.objective("g-revenue", party: "globex", kind: .revenue, horizon: .short, day: 3)
        story.objective("g-access", party: "globex", kind: .access, horizon: .short, day: 3)
        story.objective("a-market", party: "acme", kind: .market, horizon: .long, day: 3)
        story.record(.execAccessRequested(ExecAccessRequested(by: "globex", granted: true)), day: 20)
        var payments: [UUID] = []
        var missedByGlobex: [UUID] = []
        var noShows: [UUID] = []
        // globex's calls per month from January 2025: (attended, missed, cancelled late)
        let plan: [(Int, Int, Int)] = [
            (4, 0, 0), (4, 0, 0), (4, 0, 0), (4, 0, 0), (4, 0, 0), (4, 0, 0), (4, 0, 0),
            (4, 0, 0), (3, 1, 0), (2, 1, 1), (2, 2, 0), (1, 2, 1), (0, 3, 1), (0, 4, 0),
        ]
        for (month, (attended, missed, cancelledLate)) in plan.enumerated() {
            let start = monthStart(month)
            for (slot, offset) in [2, 9, 16, 23].enumerated() {
                let day = start + offset
                if slot < attended {
                    story.held(.call, day: day, organizer: "acme", attendees: [("acme", .manager), ("globex", .individual)])
                } else if slot < attended + missed {
                    let call = story.held(.call, day: day, organizer: "acme", attendees: [("acme", .manager)])
                    noShows.append(story.missed(call.meetingId, party: "globex", day: day))
                } else if slot < attended + missed + cancelledLate {
                    let call = story.scheduled(.call, day: day - 7, organizer: "acme")
                    story.cancelled(call, by: "globex", noticeHours: 3, day: day)
                }
            }
            payments.append(story.invest("globex", amount: 20_000, kind: .purchase, day: start + 5))
            let deliverable = "d-\(month)"
            story.commit(deliverable, owner: "acme", to: "globex", kind: .deliverable, dueDay: start + 25, value: 20_000, day: start + 1)
            story.fulfil(deliverable, day: start + 24)
            let opportunity = "opp-\(month)"
            story.opportunity(opportunity, from: "acme", to: "globex", kind: .lead, value: 15_000, day: start + 12)
            if month == 1 {
                story.accept(opportunity, day: start + 14)
            } else if month % 3 == 0 {
                story.decline(opportunity, day: start + 15)
            }
            if month % 2 == 0 {
                let promise = "g-\(month)"
                story.commit(promise, owner: "globex", to: "acme", kind: month % 4 == 0 ? .data : .people, dueDay: start + 20, day: start + 2)
                missedByGlobex.append(story.miss(promise, day: start + 22))
            }
        }
        for day in [85, 176, 267, 358] {
            story.held(.qbr, day: day, organizer: "acme", attendees: [("acme", .exec), ("globex", .individual)])
        }
        for day in stride(from: 30, through: 390, by: 60) {
            story.share(.pipeline, from: "acme", to: "globex", depth: .summary, day: day)
            story.share(.roadmap, from: "acme", to: "globex", depth: .full, day: day + 1)
        }
        for (index, day) in [250, 300, 350].enumerated() {
            story.request("req-\(index)", by: "acme", to: "globex", category: .forecast, day: day)
            if index < 2 { story.declineRequest("req-\(index)", day: day + 5) }
        }
        story.surprise(about: "globex", affecting: "acme", day: 370)
        story.survey("acme", .strategic, score: 4, day: 200)
        story.survey("globex", .strategic, score: 2, day: 200)
        return (story, missedByGlobex, payments, noShows)
    }

    /// acme and hooli work well for seven months; acme then makes a large upfront investment, and from September acme's
    /// people stop turning up. Evaluate as of day 420.
    public static func souringInvestment() -> (story: StoryBuilder, investment: UUID) {
        var story = StoryBuilder(slug: "acme-hooli")
        let parties = ["acme", "hooli"]
        story.open(parties, callCadenceDays: 14)
        story.charter(joint: [], signedBy: parties, successMeasures: ["Joint launches"], day: 5)
        story.invest("hooli", amount: 50_000, kind: .cash, day: 30)
        let investment = story.invest("acme", amount: 900_000, kind: .cash, upfront: true, expectedReturnDay: 400, day: 215)
        for month in 0..<14 {
            let start = monthStart(month)
            let acmeStaysAway = month >= 8
            for (slot, offset) in [4, 18].enumerated() {
                let day = start + offset
                let organizer = parties[slot]
                if acmeStaysAway {
                    let call = story.held(.call, day: day, organizer: organizer, attendees: [("hooli", .director)])
                    story.missed(call.meetingId, party: "acme", day: day)
                } else {
                    story.held(.call, day: day, organizer: organizer, attendees: [("acme", .director), ("hooli", .director)])
                }
            }
        }
        return (story, investment)
    }

    /// acme wants short-term revenue, umbrella long-term innovation; umbrella signed a charter acme never signed,
    /// and their strategic survey answers are far apart. Evaluate as of day 380.
    public static func misalignedObjectives() -> (story: StoryBuilder, objectives: [UUID], charter: UUID) {
        var story = StoryBuilder(slug: "acme-umbrella")
        let parties = ["acme", "umbrella"]
        story.open(parties, callCadenceDays: 14)
        let objectives = [
            story.objective("a-q1-revenue", party: "acme", kind: .revenue, horizon: .short, day: 2),
            story.objective("a-q2-revenue", party: "acme", kind: .revenue, horizon: .short, day: 2),
            story.objective("u-platform", party: "umbrella", kind: .innovation, horizon: .long, day: 3),
            story.objective("u-research", party: "umbrella", kind: .learning, horizon: .long, day: 3),
        ]
        let charter = story.charter(joint: ["u-platform"], signedBy: ["umbrella"], day: 20)
        for (index, day) in stride(from: 7, through: 375, by: 14).enumerated() {
            story.held(.call, day: day, organizer: parties[index % 2], attendees: [("acme", .manager), ("umbrella", .manager)])
        }
        story.survey("acme", .strategic, score: 2, day: 150)
        story.survey("umbrella", .strategic, score: 5, day: 150)
        return (story, objectives, charter)
    }
}

import Foundation
import PartnerDomain

/// A point of time travel: what had happened by `asOf`, as the ledger knew it at `knownAt`.
public struct ViewPoint: Codable, Sendable, Hashable {
    /// Business time: only events with `occurredAt <= asOf` count.
    public var asOf: Timestamp
    /// System time: when set, only events with `recordedAt <= knownAt` count, and only retractions recorded by then apply.
    public var knownAt: Timestamp?

    /// Creates a view point.
    public init(asOf: Timestamp, knownAt: Timestamp? = nil) {
        self.asOf = asOf
        self.knownAt = knownAt
    }
}

/// Which facts a view point admits.
///
/// A fact stands when its event occurred by `asOf`, was recorded by
/// `knownAt` (when set), and is not the target of a retraction recorded by
/// `knownAt`. A retraction's own business time does not matter: it says the
/// event was wrong, not that it stopped being true, so an evaluation "as of"
/// an earlier day leaves the retracted event out as well.
struct Visibility {
    let asOf: Timestamp
    let knownAt: Timestamp?
    let retracted: Set<UUID>

    init(_ view: ViewPoint, retractions: RetractionFold) {
        asOf = view.asOf
        knownAt = view.knownAt
        var retracted: Set<UUID> = []
        for retraction in retractions.facts where view.knownAt.map({ retraction.stamp.recordedAt <= $0 }) ?? true {
            retracted.insert(retraction.value.targetEventId)
        }
        self.retracted = retracted
    }

    func admits(_ stamp: EventStamp) -> Bool {
        guard stamp.occurredAt <= asOf else { return false }
        if let knownAt, stamp.recordedAt > knownAt { return false }
        return retracted.isEmpty || !retracted.contains(stamp.id)
    }
}

/// A commitment as the admitted events leave it.
struct ResolvedCommitment {
    var made: EventStamp
    var terms: CommitmentFact.Terms
    var renegotiations: [(stamp: EventStamp, newDueDate: CalendarDate)] = []
    var outcome: (kind: Outcome, stamp: EventStamp)?

    enum Outcome { case fulfilled, missed, withdrawn }

    var fulfilled: EventStamp? {
        if let outcome, outcome.kind == .fulfilled { return outcome.stamp }
        return nil
    }

    var isWithdrawn: Bool { outcome?.kind == .withdrawn }
}

/// An opportunity as the admitted events leave it.
struct ResolvedOpportunity {
    var shared: EventStamp
    var terms: OpportunityFact.Terms
    var accepted: EventStamp?
    var declined: EventStamp?
    var won: (stamp: EventStamp, value: MoneyAmount?)?
    var lost: EventStamp?

    /// Accepted, or won or lost (which only follow acceptance).
    var isAccepted: Bool { accepted != nil || won != nil || lost != nil }
    var isTerminal: Bool { declined != nil || won != nil || lost != nil }
}

/// A meeting as the admitted events leave it.
struct ResolvedMeeting {
    let meetingId: String
    var scheduled: (stamp: EventStamp, kind: MeetingKind, organizer: String?)?
    var held: Fact<MeetingFact.Held>?
    var cancellations: [(stamp: EventStamp, by: String, noticeHours: Int?)] = []
    var misses: [(stamp: EventStamp, party: String)] = []

    var kind: MeetingKind? { held?.value.kind ?? scheduled?.kind }
}

/// An action item agreed at a held meeting, and its closing.
struct ResolvedActionItem {
    var item: MeetingFact.ActionItem
    var agreed: EventStamp
    var closed: EventStamp?

    /// The last instant of the due day: closing by then is closing on time.
    var deadline: Timestamp { item.due.adding(days: 1).startOfDay.adding(milliseconds: -1) }
}

/// An information request and its answer.
struct ResolvedRequest {
    var stamp: EventStamp
    var by: String
    var to: String
    var answered: EventStamp?
    var declined: EventStamp?
}

/// A partnership as the facts admitted by one view point leave it.
///
/// Resolution replays each area's admitted facts in log order, the order
/// validation saw them in; facts about an entity whose creating event is not
/// admitted (a fulfilment of a retracted commitment) are ignored.
struct ResolvedPartnership {
    let view: ViewPoint
    var opening: Fact<SetupFact.Opening>?
    var closing: EventStamp?
    var objectives: [Fact<SetupFact.Objective>] = []
    /// Every admitted charter, in log order; the last one is in force.
    var charters: [Fact<SetupFact.Charter>] = []
    var weakSpots: [Fact<SetupFact.WeakSpot>] = []
    var surveys: [Fact<SetupFact.Survey>] = []
    var reclassification: Fact<RelationshipType>?
    var commitments: [ResolvedCommitment] = []
    var opportunities: [ResolvedOpportunity] = []
    var meetings: [ResolvedMeeting] = []
    var actionItems: [ResolvedActionItem] = []
    var informationShared: [(stamp: EventStamp, from: String, to: String, category: InformationCategory, depth: DisclosureDepth)] = []
    var requests: [ResolvedRequest] = []
    var disclosures: [(stamp: EventStamp, party: String, proactive: Bool)] = []
    var surprises: [(stamp: EventStamp, affected: String, about: String)] = []
    var investments: [Fact<MoneyFact.Investment>] = []
    var execAccessRequests: [(stamp: EventStamp, by: String)] = []
    /// When each admitted event occurred, retractions left out, and whether it is an opportunity event.
    var eventTimes: [(occurredAt: Timestamp, isOpportunity: Bool)] = []

    var parties: [String] { opening?.value.parties.map(\.id) ?? [] }
    /// The charter in force: the latest admitted.
    var charter: Fact<SetupFact.Charter>? { charters.last }
    var openedAt: Timestamp? { opening?.stamp.occurredAt }
    var asOf: Timestamp { view.asOf }

    init(_ projection: PartnershipProjection, view: ViewPoint) {
        self.view = view
        let visibility = Visibility(view, retractions: projection.retractions)
        eventTimes.reserveCapacity(
            projection.setup.facts.count + projection.commitments.facts.count + projection.opportunities.facts.count
                + projection.meetings.facts.count + projection.transparency.facts.count + projection.money.facts.count)
        resolveSetup(projection.setup.facts, visibility)
        resolveCommitments(projection.commitments.facts, visibility)
        resolveOpportunities(projection.opportunities.facts, visibility)
        resolveMeetings(projection.meetings.facts, visibility)
        resolveTransparency(projection.transparency.facts, visibility)
        resolveMoney(projection.money.facts, visibility)
    }

    private mutating func resolveSetup(_ facts: [Fact<SetupFact>], _ visibility: Visibility) {
        var objectiveIndex: [String: Int] = [:]
        var weakSpotIndex: [String: Int] = [:]
        var surveyIndex: [String: Int] = [:]
        for fact in facts where visibility.admits(fact.stamp) {
            eventTimes.append((fact.stamp.occurredAt, false))
            switch fact.value {
            case .opened(let opening):
                self.opening = Fact(stamp: fact.stamp, value: opening)
            case .closed:
                closing = fact.stamp
            case .objective(let objective):
                Self.upsert(Fact(stamp: fact.stamp, value: objective), key: objective.objectiveId, into: &objectives, index: &objectiveIndex)
            case .charter(let charter):
                charters.append(Fact(stamp: fact.stamp, value: charter))
            case .weakSpot(let assessment):
                Self.upsert(Fact(stamp: fact.stamp, value: assessment), key: "\(assessment.party)\u{0}\(assessment.area.rawValue)", into: &weakSpots, index: &weakSpotIndex)
            case .survey(let answer):
                Self.upsert(Fact(stamp: fact.stamp, value: answer), key: "\(answer.party)\u{0}\(answer.dimension.rawValue)", into: &surveys, index: &surveyIndex)
            case .reclassified(let label):
                reclassification = Fact(stamp: fact.stamp, value: label)
            }
        }
    }

    private mutating func resolveCommitments(_ facts: [Fact<CommitmentFact>], _ visibility: Visibility) {
        var index: [String: Int] = Dictionary(minimumCapacity: facts.count)
        for fact in facts where visibility.admits(fact.stamp) {
            eventTimes.append((fact.stamp.occurredAt, false))
            switch fact.value {
            case .made(let terms):
                let commitment = ResolvedCommitment(made: fact.stamp, terms: terms)
                if let existing = index[terms.commitmentId] {
                    commitments[existing] = commitment
                } else {
                    index[terms.commitmentId] = commitments.count
                    commitments.append(commitment)
                }
            case .fulfilled(let id):
                Self.settle(&commitments, index[id], .fulfilled, fact.stamp)
            case .missed(let id):
                Self.settle(&commitments, index[id], .missed, fact.stamp)
            case .withdrawn(let id):
                Self.settle(&commitments, index[id], .withdrawn, fact.stamp)
            case .renegotiated(let id, let newDueDate):
                if let position = index[id], commitments[position].outcome == nil {
                    commitments[position].renegotiations.append((fact.stamp, newDueDate))
                }
            }
        }
    }

    private mutating func resolveOpportunities(_ facts: [Fact<OpportunityFact>], _ visibility: Visibility) {
        var index: [String: Int] = Dictionary(minimumCapacity: facts.count)
        for fact in facts where visibility.admits(fact.stamp) {
            eventTimes.append((fact.stamp.occurredAt, true))
            switch fact.value {
            case .shared(let terms):
                let opportunity = ResolvedOpportunity(shared: fact.stamp, terms: terms)
                if let existing = index[terms.opportunityId] {
                    opportunities[existing] = opportunity
                } else {
                    index[terms.opportunityId] = opportunities.count
                    opportunities.append(opportunity)
                }
            case .accepted(let id):
                if let position = index[id], !opportunities[position].isAccepted, !opportunities[position].isTerminal {
                    opportunities[position].accepted = fact.stamp
                }
            case .declined(let id):
                if let position = index[id], !opportunities[position].isTerminal {
                    opportunities[position].declined = fact.stamp
                }
            case .won(let id, let value):
                if let position = index[id], !opportunities[position].isTerminal {
                    opportunities[position].won = (fact.stamp, value)
                }
            case .lost(let id):
                if let position = index[id], !opportunities[position].isTerminal {
                    opportunities[position].lost = fact.stamp
                }
            }
        }
    }

    private mutating func resolveMeetings(_ facts: [Fact<MeetingFact>], _ visibility: Visibility) {
        var index: [String: Int] = Dictionary(minimumCapacity: facts.count)
        var actionIndex: [String: Int] = [:]
        func position(of meetingId: String) -> Int {
            if let existing = index[meetingId] { return existing }
            index[meetingId] = meetings.count
            meetings.append(ResolvedMeeting(meetingId: meetingId))
            return meetings.count - 1
        }
        for fact in facts where visibility.admits(fact.stamp) {
            eventTimes.append((fact.stamp.occurredAt, false))
            switch fact.value {
            case .scheduled(let meetingId, let kind, let organizer):
                meetings[position(of: meetingId)].scheduled = (fact.stamp, kind, organizer)
            case .held(let held):
                let at = position(of: held.meetingId)
                guard meetings[at].held == nil else { continue }
                var held = held
                // A held meeting of a scheduled one keeps the organiser the schedule recorded.
                held.organizer = held.organizer ?? meetings[at].scheduled?.organizer
                meetings[at].held = Fact(stamp: fact.stamp, value: held)
                for item in held.actionItems where actionIndex[item.actionId] == nil {
                    actionIndex[item.actionId] = actionItems.count
                    actionItems.append(ResolvedActionItem(item: item, agreed: fact.stamp))
                }
            case .cancelled(let meetingId, let by, let noticeHours):
                if let at = index[meetingId] {
                    meetings[at].cancellations.append((fact.stamp, by, noticeHours))
                }
            case .missed(let meetingId, let party):
                if let at = index[meetingId] {
                    meetings[at].misses.append((fact.stamp, party))
                }
            case .actionItemClosed(let actionId):
                if let at = actionIndex[actionId], actionItems[at].closed == nil {
                    actionItems[at].closed = fact.stamp
                }
            }
        }
    }

    private mutating func resolveTransparency(_ facts: [Fact<TransparencyFact>], _ visibility: Visibility) {
        var index: [String: Int] = [:]
        for fact in facts where visibility.admits(fact.stamp) {
            eventTimes.append((fact.stamp.occurredAt, false))
            switch fact.value {
            case .shared(let from, let to, let category, let depth):
                informationShared.append((fact.stamp, from, to, category, depth))
            case .requested(let requestId, let by, let to, _):
                index[requestId] = requests.count
                requests.append(ResolvedRequest(stamp: fact.stamp, by: by, to: to))
            case .answered(let requestId):
                if let at = index[requestId], requests[at].answered == nil, requests[at].declined == nil {
                    requests[at].answered = fact.stamp
                }
            case .declined(let requestId):
                if let at = index[requestId], requests[at].answered == nil, requests[at].declined == nil {
                    requests[at].declined = fact.stamp
                }
            case .disclosure(let party, let proactive):
                disclosures.append((fact.stamp, party, proactive))
            case .surprise(let affected, let about):
                surprises.append((fact.stamp, affected, about))
            }
        }
    }

    private mutating func resolveMoney(_ facts: [Fact<MoneyFact>], _ visibility: Visibility) {
        for fact in facts where visibility.admits(fact.stamp) {
            eventTimes.append((fact.stamp.occurredAt, false))
            switch fact.value {
            case .investment(let investment):
                investments.append(Fact(stamp: fact.stamp, value: investment))
            case .execAccessRequested(let by, _):
                execAccessRequests.append((fact.stamp, by))
            }
        }
    }

    private static func upsert<Value>(_ fact: Fact<Value>, key: String, into list: inout [Fact<Value>], index: inout [String: Int]) {
        if let existing = index[key] {
            list[existing] = fact
        } else {
            index[key] = list.count
            list.append(fact)
        }
    }

    private static func settle(_ commitments: inout [ResolvedCommitment], _ position: Int?, _ outcome: ResolvedCommitment.Outcome, _ stamp: EventStamp) {
        guard let position, commitments[position].outcome == nil else { return }
        commitments[position].outcome = (outcome, stamp)
    }
}

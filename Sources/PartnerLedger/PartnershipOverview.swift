import EventLog
import Foundation

/// What one partnership holds now, for `pledger partnership show` and `list`: its parties and
/// label, and its commitments, opportunities, meetings, action items, requests, objectives,
/// charters and investments with their current status. Retracted events are left out.
public struct PartnershipOverview: Sendable, Codable, Equatable {
    /// A commitment and where it stands.
    public struct Commitment: Sendable, Codable, Equatable {
        /// The commitment id, such as `c-7f3a2`.
        public let id: String
        /// The party that promised.
        public let owner: String
        /// The party that benefits.
        public let beneficiary: String
        /// What kind of thing is promised.
        public let kind: String
        /// What is promised, in words.
        public let description: String
        /// The current due date, renegotiations included.
        public let dueDate: CalendarDate
        /// What it is worth to the beneficiary, when stated.
        public let value: Decimal?
        /// `open`, `fulfilled`, `missed` or `withdrawn`.
        public let status: String
        /// Open and due before the overview's day.
        public let isOverdue: Bool
    }

    /// An opportunity and where it stands.
    public struct Opportunity: Sendable, Codable, Equatable {
        /// The opportunity id, such as `o-7f3a2`.
        public let id: String
        /// The giving party.
        public let from: String
        /// The receiving party.
        public let to: String
        /// How the business is passed: referral, co-sell, intro or lead.
        public let kind: String
        /// What it may be worth, when stated.
        public let estimatedValue: Decimal?
        /// What was won, as `OpportunityWon` recorded it: only for a won opportunity, and
        /// only when the win stated a value (never the estimate in its place).
        public let wonValue: Decimal?
        /// The currency of the estimated value.
        public let currency: String?
        /// The customer account concerned.
        public let account: String?
        /// `shared`, `accepted`, `declined`, `won` or `lost`.
        public let status: String
    }

    /// A meeting and where it stands.
    public struct Meeting: Sendable, Codable, Equatable {
        /// The meeting id, such as `m-7f3a2`.
        public let id: String
        /// call, qbr, exec or workshop.
        public let kind: String
        /// The organising party; nil when not recorded (unknown).
        public let organizer: String?
        /// When it was scheduled to start, when it was scheduled.
        public let scheduledFor: Timestamp?
        /// When it was held (business time), when it was.
        public let heldAt: Timestamp?
        /// `scheduled`, `held` or `cancelled`.
        public let status: String
        /// The parties recorded as absent.
        public let absentParties: [String]
    }

    /// An action item agreed at a meeting.
    public struct ActionItem: Sendable, Codable, Equatable {
        /// The action item id, such as `a-7f3a2`.
        public let id: String
        /// The meeting that agreed it.
        public let meeting: String
        /// The party that owes it.
        public let owner: String
        /// The day it is due.
        public let due: CalendarDate
        /// What is to be done.
        public let text: String
        /// Whether it is still to be done.
        public let isOpen: Bool
    }

    /// An information request and where it stands.
    public struct InformationRequest: Sendable, Codable, Equatable {
        /// The request id, such as `r-7f3a2`.
        public let id: String
        /// The asking party.
        public let by: String
        /// The party asked.
        public let to: String
        /// What kind of information.
        public let category: String
        /// `open`, `answered` or `declined`.
        public let status: String
    }

    /// A declared objective.
    public struct Objective: Sendable, Codable, Equatable {
        /// The objective id, such as `obj-7f3a2`.
        public let id: String
        /// The party whose objective it is.
        public let party: String
        /// The objective in the party's words.
        public let statement: String
        /// What kind of value the party seeks.
        public let kind: String
        /// short or long.
        public let horizon: String
    }

    /// An agreed charter.
    public struct Charter: Sendable, Codable, Equatable {
        /// The charter id, such as `ch-7f3a2`.
        public let id: String
        /// Why the parties work together.
        public let why: String
        /// The objectives the charter makes joint.
        public let jointObjectiveIds: [String]
        /// The parties that signed.
        public let signedBy: [String]
        /// How the parties will know it works.
        public let successMeasures: [String]
        /// When it was agreed (business time).
        public let agreedAt: Timestamp
    }

    /// An investment.
    public struct Investment: Sendable, Codable, Equatable {
        /// The investing party.
        public let party: String
        /// Money in the currency, or hours for kind `hours`.
        public let amount: Decimal
        /// The currency of the amount.
        public let currency: String
        /// cash, hours, mdf, integration, fee or purchase.
        public let kind: String
        /// Whether it was made up front, before any return.
        public let upfront: Bool
        /// When it was made (business time).
        public let occurredAt: Timestamp
    }

    /// The partnership's slug.
    public let slug: String
    /// Its display name.
    public let name: String
    /// Its parties, in declared order.
    public let parties: [PartnershipOpened.Party]
    /// What it was declared to be.
    public let declaredType: String
    /// What it is called now: the declared type or the latest reclassification.
    public let label: String
    /// `open` or `closed`.
    public let status: String
    /// When it was opened (business time).
    public let openedAt: Timestamp
    /// The business time of its latest event.
    public let lastEventAt: Timestamp
    /// How many events its stream holds, retractions included.
    public let eventCount: Int
    /// How many of them are retracted.
    public let retractedCount: Int
    /// Commitments, in the order they were made.
    public let commitments: [Commitment]
    /// Opportunities, in the order they were shared.
    public let opportunities: [Opportunity]
    /// Meetings, in the order they were first recorded.
    public let meetings: [Meeting]
    /// Action items agreed at meetings.
    public let actionItems: [ActionItem]
    /// Information requests.
    public let requests: [InformationRequest]
    /// Declared objectives.
    public let objectives: [Objective]
    /// Agreed charters.
    public let charters: [Charter]
    /// Investments, in log order.
    public let investments: [Investment]

    /// Open commitments.
    public var openCommitmentCount: Int { commitments.filter { $0.status == "open" }.count }
    /// Open commitments past their due date.
    public var overdueCommitmentCount: Int { commitments.filter(\.isOverdue).count }
    /// Opportunities shared or accepted and not yet decided.
    public var openOpportunityCount: Int { opportunities.filter { $0.status == "shared" || $0.status == "accepted" }.count }
}

extension Ledger {
    /// Every partnership in full, sorted by slug, as of `today` (which decides what is overdue).
    ///
    /// Reads every partnership's stream; `partnership list` reads ``partnershipList(today:progress:)`` instead.
    public func partnerships(today: CalendarDate) throws -> [PartnershipOverview] {
        try log.streams().map(\.stream).sorted().compactMap { try overview(ofStream: $0, today: today) }
    }

    /// One partnership as of `today`, read from its stream alone;
    /// ``LedgerError/unknownPartnership(slug:known:)`` when none has this slug.
    public func partnership(_ slug: String, today: CalendarDate) throws -> PartnershipOverview {
        guard let overview = try overview(ofStream: slug, today: today) else {
            // The streams name the known partnerships without folding any of them, so that a
            // mistyped slug costs no more than a correct one.
            throw LedgerError.unknownPartnership(slug: slug, known: try log.streams().map(\.stream).filter { $0 != slug }.sorted())
        }
        return overview
    }

    /// The overview of the partnership whose stream is `slug`; `nil` when it was never opened
    /// (or its opening was retracted). Statuses come from the folded state, words and numbers
    /// from one more read of the stream.
    func overview(ofStream slug: String, today: CalendarDate) throws -> PartnershipOverview? {
        var directory = PartnershipDirectory()
        if streamVersions[slug] == nil {
            // Folded for the first time: every event of the stream is new, so one read serves both folds.
            try fold(slug) { event, recorded in directory.apply(event, recorded: recorded) }
        } else {
            try fold(slug)
            for recorded in try streamEvents(slug) {
                directory.apply(try Ledger.decode(recorded), recorded: recorded)
            }
        }
        guard registry.state(of: slug) != nil else { return nil }
        return directory.overview(of: slug, registry: registry, today: today)
    }
}

/// The descriptive details of each partnership's entities, as their creating events stated them.
///
/// Statuses, due dates and whether an entity still stands come from the
/// ``PartnershipRegistry``, which already undoes retracted events; this fold only remembers
/// the words and numbers the registry does not keep.
struct PartnershipDirectory {
    struct MeetingDetails {
        var kind: String
        var organizer: String?
        var scheduledFor: Timestamp?
        var heldAt: Timestamp?
        var absentParties: [String] = []
    }

    struct Entry {
        var openedAt = Timestamp(millisecondsSinceEpoch: 0)
        var lastEventAt = Timestamp(millisecondsSinceEpoch: 0)
        var eventCount = 0
        var retractionTargets: [UUID] = []
        var commitments: [(id: String, made: CommitmentMade)] = []
        var opportunities: [(id: String, shared: OpportunityShared)] = []
        var wins: [(eventID: UUID, opportunityId: String, value: Decimal?)] = []
        var meetings: [(id: String, details: MeetingDetails)] = []
        var actionItems: [(item: MeetingHeld.ActionItem, meeting: String)] = []
        var requests: [(id: String, request: InformationRequested)] = []
        var objectives: [(id: String, objective: ObjectiveDeclared)] = []
        var charters: [(eventID: UUID, charter: CharterAgreed, at: Timestamp)] = []
        var investments: [(eventID: UUID, investment: InvestmentMade, at: Timestamp)] = []
    }

    var entries: [String: Entry] = [:]

    mutating func apply(_ event: PartnershipEvent, recorded: RecordedEvent) {
        let at = Timestamp(millisecondsSinceEpoch: recorded.occurredAt)
        var entry = entries[recorded.stream] ?? Entry()
        entry.eventCount += 1
        entry.lastEventAt = max(entry.lastEventAt, at)
        switch event {
        case .partnershipOpened:
            entry.openedAt = at
        case .commitmentMade(let made):
            Self.upsert(&entry.commitments, (made.commitmentId, made)) { $0.id == made.commitmentId }
        case .opportunityShared(let shared):
            Self.upsert(&entry.opportunities, (shared.opportunityId, shared)) { $0.id == shared.opportunityId }
        case .opportunityWon(let won):
            entry.wins.append((recorded.id, won.opportunityId, won.value))
        case .meetingScheduled(let meeting):
            Self.upsert(&entry.meetings, (meeting.meetingId, MeetingDetails(
                kind: meeting.kind.rawValue, organizer: meeting.organizer, scheduledFor: meeting.scheduledFor))) { $0.id == meeting.meetingId }
        case .meetingHeld(let meeting):
            let scheduled = entry.meetings.first { $0.id == meeting.meetingId }?.details
            Self.upsert(&entry.meetings, (meeting.meetingId, MeetingDetails(
                kind: meeting.kind.rawValue, organizer: meeting.organizer ?? scheduled?.organizer, scheduledFor: scheduled?.scheduledFor,
                heldAt: at, absentParties: scheduled?.absentParties ?? []))) { $0.id == meeting.meetingId }
            for item in meeting.actionItems ?? [] {
                entry.actionItems.removeAll { $0.item.actionId == item.actionId }
                entry.actionItems.append((item, meeting.meetingId))
            }
        case .meetingMissed(let miss):
            if let index = entry.meetings.firstIndex(where: { $0.id == miss.meetingId }) {
                entry.meetings[index].details.absentParties.append(miss.absentParty)
            }
        case .informationRequested(let request):
            Self.upsert(&entry.requests, (request.requestId, request)) { $0.id == request.requestId }
        case .objectiveDeclared(let objective):
            Self.upsert(&entry.objectives, (objective.objectiveId, objective)) { $0.id == objective.objectiveId }
        case .charterAgreed(let charter):
            entry.charters.append((recorded.id, charter, at))
        case .investmentMade(let investment):
            entry.investments.append((recorded.id, investment, at))
        case .eventRetracted(let retraction):
            entry.retractionTargets.append(retraction.targetEventId)
        default:
            break
        }
        entries[recorded.stream] = entry
    }

    /// Replaces the element `isSame` finds, or appends `element`.
    private static func upsert<Element>(_ list: inout [Element], _ element: Element, isSame: (Element) -> Bool) {
        if let index = list.firstIndex(where: isSame) {
            list[index] = element
        } else {
            list.append(element)
        }
    }

    func overview(of slug: String, registry: PartnershipRegistry, today: CalendarDate) -> PartnershipOverview? {
        guard let entry = entries[slug], let state = registry.state(of: slug) else { return nil }
        let commitments = entry.commitments.compactMap { id, made -> PartnershipOverview.Commitment? in
            guard let status = state.commitmentStatus(id), let due = state.commitmentDueDate(id) else { return nil }
            return PartnershipOverview.Commitment(
                id: id, owner: made.owner, beneficiary: made.beneficiary, kind: made.kind.rawValue,
                description: made.description, dueDate: due, value: made.value, status: status.rawValue,
                isOverdue: status == .open && due < today)
        }
        let opportunities = entry.opportunities.compactMap { id, shared -> PartnershipOverview.Opportunity? in
            guard let status = state.opportunityStatus(id) else { return nil }
            let win = entry.wins.last { $0.opportunityId == id && !registry.isRetracted($0.eventID) }
            return PartnershipOverview.Opportunity(
                id: id, from: shared.from, to: shared.to, kind: shared.kind.rawValue, estimatedValue: shared.estimatedValue,
                wonValue: status == .won ? win?.value : nil,
                currency: shared.currency?.code, account: shared.account, status: status.rawValue)
        }
        let meetings = entry.meetings.compactMap { id, details -> PartnershipOverview.Meeting? in
            guard let status = state.meetingStatus(id) else { return nil }
            return PartnershipOverview.Meeting(
                id: id, kind: details.kind, organizer: details.organizer, scheduledFor: details.scheduledFor,
                heldAt: status == .held ? details.heldAt : nil, status: status.rawValue, absentParties: details.absentParties)
        }
        let actionItems = entry.actionItems.compactMap { item, meeting -> PartnershipOverview.ActionItem? in
            guard let isOpen = state.isActionItemOpen(item.actionId) else { return nil }
            return PartnershipOverview.ActionItem(id: item.actionId, meeting: meeting, owner: item.owner, due: item.due, text: item.text, isOpen: isOpen)
        }
        let requests = entry.requests.compactMap { id, request -> PartnershipOverview.InformationRequest? in
            guard let status = state.requestStatus(id) else { return nil }
            return PartnershipOverview.InformationRequest(id: id, by: request.by, to: request.to, category: request.category.rawValue, status: status.rawValue)
        }
        let objectives = entry.objectives.compactMap { id, objective -> PartnershipOverview.Objective? in
            guard state.hasObjective(id) else { return nil }
            return PartnershipOverview.Objective(
                id: id, party: objective.party, statement: objective.statement, kind: objective.kind.rawValue, horizon: objective.horizon.rawValue)
        }
        let charters = entry.charters.compactMap { eventID, charter, at -> PartnershipOverview.Charter? in
            guard !registry.isRetracted(eventID) else { return nil }
            return PartnershipOverview.Charter(
                id: charter.charterId, why: charter.why, jointObjectiveIds: charter.jointObjectiveIds, signedBy: charter.signedBy,
                successMeasures: charter.successMeasures ?? [], agreedAt: at)
        }
        let investments = entry.investments.compactMap { eventID, investment, at -> PartnershipOverview.Investment? in
            guard !registry.isRetracted(eventID) else { return nil }
            return PartnershipOverview.Investment(
                party: investment.party, amount: investment.amount, currency: investment.currency.code,
                kind: investment.kind.rawValue, upfront: investment.upfront, occurredAt: at)
        }
        return PartnershipOverview(
            slug: slug, name: state.name, parties: state.parties, declaredType: state.declaredType.rawValue,
            label: state.label.rawValue, status: state.isClosed ? "closed" : "open", openedAt: entry.openedAt,
            lastEventAt: entry.lastEventAt, eventCount: entry.eventCount,
            retractedCount: entry.retractionTargets.filter(registry.isRetracted).count,
            commitments: commitments, opportunities: opportunities, meetings: meetings, actionItems: actionItems,
            requests: requests, objectives: objectives, charters: charters, investments: investments)
    }
}

import Foundation

/// What the ledger knows about one partnership: its parties, whether it is closed, and the ids its events introduced.
///
/// Obtain it from ``PartnershipRegistry/state(of:)``. Retracted events are
/// already left out.
public struct PartnershipState: Sendable {
    /// The partnership's slug.
    public let slug: String
    var lifecycle = EntityHistory<PartnershipSnapshot>()
    var labels = EntityHistory<RelationshipType>()
    var objectives: [String: EntityHistory<ObjectiveDeclared>] = [:]
    var charters: [String: EntityHistory<CharterAgreed>] = [:]
    var meetings: [String: EntityHistory<MeetingSnapshot>] = [:]
    var actionItems: [String: EntityHistory<ActionItemSnapshot>] = [:]
    var opportunities: [String: EntityHistory<OpportunitySnapshot>] = [:]
    var commitments: [String: EntityHistory<CommitmentSnapshot>] = [:]
    var requests: [String: EntityHistory<RequestStatus>] = [:]
    /// How many events of this partnership stand (not retracted), retractions not counted.
    var liveEventCount = 0

    init(slug: String) {
        self.slug = slug
    }

    var snapshot: PartnershipSnapshot? { lifecycle.current }

    /// The display name given when the partnership was opened.
    public var name: String { snapshot?.name ?? "" }
    /// The parties, in the order they were declared.
    public var parties: [PartnershipOpened.Party] { snapshot?.parties ?? [] }
    /// The parties' ids, in the order they were declared.
    public var partyIds: [String] { parties.map(\.id) }
    /// What the partnership was declared to be when it opened.
    public var declaredType: RelationshipType { snapshot?.declaredType ?? .partnership }
    /// What it is called now: the declared type, or the latest reclassification.
    public var label: RelationshipType { labels.current ?? declaredType }
    /// Whether `PartnershipClosed` ended it.
    public var isClosed: Bool { snapshot?.isClosed ?? false }

    /// Whether `id` is one of the parties.
    public func hasParty(_ id: String) -> Bool {
        parties.contains { $0.id == id }
    }

    /// Whether an objective with this id is declared.
    public func hasObjective(_ id: String) -> Bool {
        objectives[id]?.current != nil
    }

    /// Whether a charter with this id is agreed.
    public func hasCharter(_ id: String) -> Bool {
        charters[id]?.current != nil
    }

    /// The status of a meeting, or nil when no meeting has this id.
    public func meetingStatus(_ id: String) -> MeetingStatus? {
        meetings[id]?.current?.status
    }

    /// Whether an action item is open (true), closed (false), or unknown (nil).
    public func isActionItemOpen(_ id: String) -> Bool? {
        actionItems[id]?.current.map { !$0.isClosed }
    }

    /// The status of an opportunity, or nil when no opportunity has this id.
    public func opportunityStatus(_ id: String) -> OpportunityStatus? {
        opportunities[id]?.current?.status
    }

    /// The status of a commitment, or nil when no commitment has this id.
    public func commitmentStatus(_ id: String) -> CommitmentStatus? {
        commitments[id]?.current?.status
    }

    /// The current due date of a commitment, renegotiations included, or nil when no commitment has this id.
    public func commitmentDueDate(_ id: String) -> CalendarDate? {
        commitments[id]?.current?.dueDate
    }

    /// The status of an information request, or nil when no request has this id.
    public func requestStatus(_ id: String) -> RequestStatus? {
        requests[id]?.current
    }
}

extension PartnershipState {
    /// Records what `event` changes and returns the entities it changed. Events of a partnership that is not open change nothing.
    mutating func apply(_ event: PartnershipEvent, id: UUID) -> [EntityKey] {
        if case .partnershipOpened(let opened) = event {
            lifecycle.record(
                PartnershipSnapshot(name: opened.name, parties: opened.parties, declaredType: opened.declaredType, isClosed: false),
                by: id)
            return [.lifecycle]
        }
        guard snapshot != nil else { return [] }
        switch event {
        case .partnershipOpened, .eventRetracted, .weakSpotAssessed, .healthSurveyed, .investmentMade,
             .execAccessRequested, .informationShared, .disclosureMade, .surpriseDiscovered:
            return []
        case .partnershipClosed:
            var closed = lifecycle.current
            closed?.isClosed = true
            closed.map { lifecycle.record($0, by: id) }
            return [.lifecycle]
        case .relationshipReclassified(let reclassified):
            labels.record(reclassified.label, by: id)
            return [.label]
        case .objectiveDeclared(let objective):
            objectives[objective.objectiveId, default: EntityHistory()].record(objective, by: id)
            return [.objective(objective.objectiveId)]
        case .charterAgreed(let charter):
            charters[charter.charterId, default: EntityHistory()].record(charter, by: id)
            return [.charter(charter.charterId)]
        case .meetingScheduled(let meeting):
            meetings[meeting.meetingId, default: EntityHistory()].record(MeetingSnapshot(status: .scheduled), by: id)
            return [.meeting(meeting.meetingId)]
        case .meetingHeld(let meeting):
            var held = meetings[meeting.meetingId]?.current ?? MeetingSnapshot(status: .scheduled)
            held.status = .held
            held.attendingParties = Set(meeting.attendees.map(\.party))
            meetings[meeting.meetingId, default: EntityHistory()].record(held, by: id)
            let items = meeting.actionItems ?? []
            for item in items {
                actionItems[item.actionId, default: EntityHistory()].record(
                    ActionItemSnapshot(owner: item.owner, due: item.due, isClosed: false), by: id)
            }
            return [.meeting(meeting.meetingId)] + items.map { .actionItem($0.actionId) }
        case .meetingCancelled(let cancellation):
            return Self.update(&meetings, cancellation.meetingId, by: id, key: EntityKey.meeting) { $0.status = .cancelled }
        case .meetingMissed(let miss):
            return Self.update(&meetings, miss.meetingId, by: id, key: EntityKey.meeting) { $0.absentParties.insert(miss.absentParty) }
        case .actionItemClosed(let closing):
            return Self.update(&actionItems, closing.actionId, by: id, key: EntityKey.actionItem) { $0.isClosed = true }
        case .opportunityShared(let opportunity):
            opportunities[opportunity.opportunityId, default: EntityHistory()].record(
                OpportunitySnapshot(status: .shared, from: opportunity.from, to: opportunity.to), by: id)
            return [.opportunity(opportunity.opportunityId)]
        case .opportunityAccepted(let decision):
            return setOpportunity(decision.opportunityId, to: .accepted, by: id)
        case .opportunityDeclined(let decision):
            return setOpportunity(decision.opportunityId, to: .declined, by: id)
        case .opportunityWon(let outcome):
            return setOpportunity(outcome.opportunityId, to: .won, by: id)
        case .opportunityLost(let outcome):
            return setOpportunity(outcome.opportunityId, to: .lost, by: id)
        case .commitmentMade(let commitment):
            commitments[commitment.commitmentId, default: EntityHistory()].record(
                CommitmentSnapshot(
                    status: .open, owner: commitment.owner, beneficiary: commitment.beneficiary, dueDate: commitment.dueDate),
                by: id)
            return [.commitment(commitment.commitmentId)]
        case .commitmentFulfilled(let outcome):
            return setCommitment(outcome.commitmentId, to: .fulfilled, by: id)
        case .commitmentMissed(let outcome):
            return setCommitment(outcome.commitmentId, to: .missed, by: id)
        case .commitmentWithdrawn(let outcome):
            return setCommitment(outcome.commitmentId, to: .withdrawn, by: id)
        case .commitmentRenegotiated(let renegotiation):
            return Self.update(&commitments, renegotiation.commitmentId, by: id, key: EntityKey.commitment) {
                $0.dueDate = renegotiation.newDueDate
            }
        case .informationRequested(let request):
            requests[request.requestId, default: EntityHistory()].record(.open, by: id)
            return [.request(request.requestId)]
        case .informationRequestAnswered(let answer):
            return Self.update(&requests, answer.requestId, by: id, key: EntityKey.request) { $0 = .answered }
        case .informationRequestDeclined(let refusal):
            return Self.update(&requests, refusal.requestId, by: id, key: EntityKey.request) { $0 = .declined }
        }
    }

    /// Removes what `eventId` recorded on each entity it changed.
    mutating func removeRevisions(of eventId: UUID, from keys: [EntityKey]) {
        for key in keys {
            switch key {
            case .lifecycle: lifecycle.remove(recordedBy: eventId)
            case .label: labels.remove(recordedBy: eventId)
            case .objective(let id): Self.remove(eventId, from: &objectives, id)
            case .charter(let id): Self.remove(eventId, from: &charters, id)
            case .meeting(let id): Self.remove(eventId, from: &meetings, id)
            case .actionItem(let id): Self.remove(eventId, from: &actionItems, id)
            case .opportunity(let id): Self.remove(eventId, from: &opportunities, id)
            case .commitment(let id): Self.remove(eventId, from: &commitments, id)
            case .request(let id): Self.remove(eventId, from: &requests, id)
            }
        }
    }

    /// The live events that changed an entity after `eventId` did.
    func eventIds(after eventId: UUID, on key: EntityKey) -> [UUID] {
        switch key {
        case .lifecycle: lifecycle.eventIds(after: eventId)
        case .label: labels.eventIds(after: eventId)
        case .objective(let id): objectives[id]?.eventIds(after: eventId) ?? []
        case .charter(let id): charters[id]?.eventIds(after: eventId) ?? []
        case .meeting(let id): meetings[id]?.eventIds(after: eventId) ?? []
        case .actionItem(let id): actionItems[id]?.eventIds(after: eventId) ?? []
        case .opportunity(let id): opportunities[id]?.eventIds(after: eventId) ?? []
        case .commitment(let id): commitments[id]?.eventIds(after: eventId) ?? []
        case .request(let id): requests[id]?.eventIds(after: eventId) ?? []
        }
    }

    private mutating func setOpportunity(_ opportunityId: String, to status: OpportunityStatus, by id: UUID) -> [EntityKey] {
        Self.update(&opportunities, opportunityId, by: id, key: EntityKey.opportunity) { $0.status = status }
    }

    private mutating func setCommitment(_ commitmentId: String, to status: CommitmentStatus, by id: UUID) -> [EntityKey] {
        Self.update(&commitments, commitmentId, by: id, key: EntityKey.commitment) { $0.status = status }
    }

    /// Records a changed copy of an existing entity's state; an unknown entity is left alone.
    private static func update<Snapshot>(
        _ histories: inout [String: EntityHistory<Snapshot>], _ entityId: String, by id: UUID,
        key: (String) -> EntityKey, _ change: (inout Snapshot) -> Void
    ) -> [EntityKey] {
        guard var snapshot = histories[entityId]?.current else { return [] }
        change(&snapshot)
        histories[entityId]?.record(snapshot, by: id)
        return [key(entityId)]
    }

    private static func remove<Snapshot>(_ eventId: UUID, from histories: inout [String: EntityHistory<Snapshot>], _ entityId: String) {
        histories[entityId]?.remove(recordedBy: eventId)
        if histories[entityId]?.isEmpty == true {
            histories[entityId] = nil
        }
    }
}

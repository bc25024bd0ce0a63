import Foundation
import PartnerDomain
import PartnerProjections

/// Builds one partnership's recorded events with deterministic ids and times, the way the log would hand them to the projections.
///
/// Day 0 is midnight UTC of `start`; every event occurs at midnight of its
/// day unless an hour is given, and is recorded when it occurs unless a
/// later recording day is given. Ids count up from
/// `00000000-0000-4000-8000-000000000001`.
public struct StoryBuilder {
    public let slug: String
    public let start: CalendarDate
    public private(set) var events: [ProjectionEvent] = []
    private var nextNumber = 1
    private var nextMeeting = 1

    private static let euro: CurrencyCode = {
        do { return try CurrencyCode("EUR") } catch { fatalError("\(error)") }
    }()

    public init(slug: String = "acme-iot", start: String = "2025-01-01") {
        self.slug = slug
        self.start = (try? CalendarDate(parsing: start)) ?? CalendarDate(daysSinceEpoch: 0)
    }

    /// The id of the `number`-th event any builder records.
    public static func eventId(_ number: Int) -> UUID {
        let digits = String(number)
        return UUID(uuidString: "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits) ?? UUID()
    }

    /// Midnight UTC of day `day`, plus `hour` hours.
    public func at(_ day: Int, hour: Int = 0) -> Timestamp {
        start.adding(days: day).startOfDay.adding(milliseconds: Int64(hour) * 3_600_000)
    }

    /// The calendar date of day `day`.
    public func date(_ day: Int) -> CalendarDate {
        start.adding(days: day)
    }

    /// Whether the event with this id occurred between the starts of days `first` and `last`, both included.
    public func occurred(_ id: UUID, from first: Int, through last: Int) -> Bool {
        events.first { $0.id == id }.map { $0.occurredAt >= at(first) && $0.occurredAt <= at(last) } ?? false
    }

    /// The state after folding every event recorded so far.
    public var projection: PartnershipProjection {
        var state = PartnershipProjection(slug: slug)
        for event in events { state.apply(event) }
        return state
    }

    /// Evaluates the folded state as of the start of day `day`.
    public func report(asOf day: Int, knownAt: Int? = nil, model: ScoringModel = .default) -> PartnershipReport {
        projection.evaluate(asOf: at(day), knownAt: knownAt.map { at($0) }, model: model)
    }

    @discardableResult
    public mutating func record(_ event: PartnershipEvent, day: Int, hour: Int = 0, recordedDay: Int? = nil) -> UUID {
        let id = Self.eventId(nextNumber)
        nextNumber += 1
        events.append(ProjectionEvent(
            id: id, partnership: slug, occurredAt: at(day, hour: hour), recordedAt: at(recordedDay ?? day, hour: hour),
            recordedBy: "tester", event: event))
        return id
    }

    // MARK: - Setup

    @discardableResult
    public mutating func open(_ parties: [String], declaredType: RelationshipType = .partnership, callCadenceDays: Int? = 14, day: Int = 0) -> UUID {
        record(.partnershipOpened(PartnershipOpened(
            name: slug, parties: parties.map { .init(id: $0, name: $0.capitalized) }, declaredType: declaredType,
            callCadenceDays: callCadenceDays)), day: day)
    }

    @discardableResult
    public mutating func objective(_ id: String, party: String, kind: ObjectiveKind, horizon: Horizon, day: Int) -> UUID {
        record(.objectiveDeclared(ObjectiveDeclared(objectiveId: id, party: party, statement: "\(kind) \(horizon)", kind: kind, horizon: horizon)), day: day)
    }

    @discardableResult
    public mutating func charter(
        _ id: String = "charter-1", joint: [String], signedBy: [String], successMeasures: [String]? = nil,
        infoCategories: [InformationCategory]? = nil, callCadenceDays: Int? = nil, day: Int
    ) -> UUID {
        record(.charterAgreed(CharterAgreed(
            charterId: id, why: "Why we work together", jointObjectiveIds: joint, signedBy: signedBy,
            callCadenceDays: callCadenceDays, infoCategories: infoCategories, successMeasures: successMeasures)), day: day)
    }

    @discardableResult
    public mutating func survey(_ party: String, _ dimension: SurveyDimension, score: Int, day: Int) -> UUID {
        record(.healthSurveyed(HealthSurveyed(respondentParty: party, dimension: dimension, score: score)), day: day)
    }

    @discardableResult
    public mutating func weakSpot(_ party: String, _ area: WeakSpotArea, rating: Int, day: Int) -> UUID {
        record(.weakSpotAssessed(WeakSpotAssessed(party: party, area: area, rating: rating)), day: day)
    }

    // MARK: - Meetings

    /// A new meeting id: `m-1`, `m-2`...
    public mutating func newMeetingId() -> String {
        defer { nextMeeting += 1 }
        return "m-\(nextMeeting)"
    }

    /// Records a held meeting under a new id; returns the event id and the meeting id.
    @discardableResult
    public mutating func held(
        _ kind: MeetingKind, day: Int, organizer: String, attendees: [(String, Seniority)],
        actionItems: [(id: String, owner: String, dueDay: Int)] = [], scorecardReviewed: Bool? = nil
    ) -> (event: UUID, meetingId: String) {
        let meetingId = newMeetingId()
        let event = record(.meetingHeld(MeetingHeld(
            meetingId: meetingId, kind: kind, organizer: organizer,
            attendees: attendees.map { .init(party: $0.0, seniority: $0.1) },
            actionItems: actionItems.isEmpty ? nil : actionItems.map {
                .init(actionId: $0.id, owner: $0.owner, due: date($0.dueDay), text: "Follow up")
            },
            scorecardReviewed: scorecardReviewed)), day: day)
        return (event, meetingId)
    }

    /// Records a scheduled meeting under a new id; returns the meeting id.
    public mutating func scheduled(_ kind: MeetingKind, day: Int, organizer: String) -> String {
        let meetingId = newMeetingId()
        record(.meetingScheduled(MeetingScheduled(meetingId: meetingId, kind: kind, scheduledFor: at(day), organizer: organizer)), day: day)
        return meetingId
    }

    @discardableResult
    public mutating func missed(_ meetingId: String, party: String, day: Int) -> UUID {
        record(.meetingMissed(MeetingMissed(meetingId: meetingId, absentParty: party)), day: day)
    }

    @discardableResult
    public mutating func cancelled(_ meetingId: String, by party: String, noticeHours: Int, day: Int) -> UUID {
        record(.meetingCancelled(MeetingCancelled(meetingId: meetingId, by: party, noticeHours: noticeHours)), day: day)
    }

    @discardableResult
    public mutating func closeAction(_ actionId: String, day: Int) -> UUID {
        record(.actionItemClosed(ActionItemClosed(actionId: actionId)), day: day)
    }

    // MARK: - Opportunities and commitments

    @discardableResult
    public mutating func opportunity(
        _ id: String, from: String, to: String, kind: OpportunityKind = .referral, value: Decimal? = nil, day: Int
    ) -> UUID {
        record(.opportunityShared(OpportunityShared(
            opportunityId: id, from: from, to: to, kind: kind, estimatedValue: value,
            currency: value == nil ? nil : Self.euro)), day: day)
    }

    @discardableResult
    public mutating func accept(_ id: String, day: Int) -> UUID {
        record(.opportunityAccepted(OpportunityAccepted(opportunityId: id)), day: day)
    }

    @discardableResult
    public mutating func decline(_ id: String, day: Int) -> UUID {
        record(.opportunityDeclined(OpportunityDeclined(opportunityId: id)), day: day)
    }

    @discardableResult
    public mutating func win(_ id: String, value: Decimal? = nil, day: Int) -> UUID {
        record(.opportunityWon(OpportunityWon(opportunityId: id, value: value)), day: day)
    }

    @discardableResult
    public mutating func lose(_ id: String, day: Int) -> UUID {
        record(.opportunityLost(OpportunityLost(opportunityId: id)), day: day)
    }

    @discardableResult
    public mutating func commit(
        _ id: String, owner: String, to beneficiary: String, kind: CommitmentKind = .deliverable,
        dueDay: Int, value: Decimal? = nil, day: Int
    ) -> UUID {
        record(.commitmentMade(CommitmentMade(
            commitmentId: id, owner: owner, beneficiary: beneficiary, kind: kind, description: "Promise \(id)",
            dueDate: date(dueDay), value: value)), day: day)
    }

    @discardableResult
    public mutating func fulfil(_ id: String, day: Int) -> UUID {
        record(.commitmentFulfilled(CommitmentFulfilled(commitmentId: id)), day: day)
    }

    @discardableResult
    public mutating func miss(_ id: String, day: Int) -> UUID {
        record(.commitmentMissed(CommitmentMissed(commitmentId: id)), day: day)
    }

    @discardableResult
    public mutating func renegotiate(_ id: String, newDueDay: Int, by party: String, day: Int) -> UUID {
        record(.commitmentRenegotiated(CommitmentRenegotiated(commitmentId: id, newDueDate: date(newDueDay), requestedBy: party)), day: day)
    }

    @discardableResult
    public mutating func withdraw(_ id: String, by party: String, day: Int) -> UUID {
        record(.commitmentWithdrawn(CommitmentWithdrawn(commitmentId: id, by: party)), day: day)
    }

    // MARK: - Money and transparency

    @discardableResult
    public mutating func invest(_ party: String, amount: Decimal, kind: InvestmentKind = .cash, upfront: Bool = false, expectedReturnDay: Int? = nil, day: Int) -> UUID {
        record(.investmentMade(InvestmentMade(
            party: party, amount: amount, currency: Self.euro, kind: kind,
            upfront: upfront, expectedReturnBy: expectedReturnDay.map { date($0) })), day: day)
    }

    @discardableResult
    public mutating func share(_ category: InformationCategory, from: String, to: String, depth: DisclosureDepth, day: Int) -> UUID {
        record(.informationShared(InformationShared(from: from, to: to, category: category, depth: depth)), day: day)
    }

    @discardableResult
    public mutating func request(_ id: String, by: String, to: String, category: InformationCategory = .pipeline, day: Int) -> UUID {
        record(.informationRequested(InformationRequested(requestId: id, by: by, to: to, category: category)), day: day)
    }

    @discardableResult
    public mutating func answer(_ id: String, day: Int) -> UUID {
        record(.informationRequestAnswered(InformationRequestAnswered(requestId: id)), day: day)
    }

    @discardableResult
    public mutating func declineRequest(_ id: String, day: Int) -> UUID {
        record(.informationRequestDeclined(InformationRequestDeclined(requestId: id)), day: day)
    }

    @discardableResult
    public mutating func disclose(_ party: String, proactive: Bool = true, day: Int) -> UUID {
        record(.disclosureMade(DisclosureMade(party: party, topic: "News", proactive: proactive)), day: day)
    }

    @discardableResult
    public mutating func surprise(about party: String, affecting affected: String, day: Int) -> UUID {
        record(.surpriseDiscovered(SurpriseDiscovered(affectedParty: affected, aboutParty: party, topic: "Unannounced change")), day: day)
    }

    @discardableResult
    public mutating func retract(_ target: UUID, day: Int, recordedDay: Int? = nil) -> UUID {
        record(.eventRetracted(EventRetracted(targetEventId: target, reason: "Recorded by mistake")), day: day, recordedDay: recordedDay)
    }
}

/// Whether two numbers agree to within `tolerance`.
public func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-6) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance
}

extension ScoringModel {
    /// The default model with every evidence need dropped: for tests of one formula on a few
    /// events, where the least evidence a rule needs would otherwise keep it silent.
    public static var formulasOnly: ScoringModel {
        var model = ScoringModel.default
        model.version = "2026.3-formulas-only"
        let none = EvidenceNeed([])
        model.sufficiency.components.commitmentReliability = none
        model.sufficiency.components.operationalEngagement = none
        model.sufficiency.components.transparency = none
        model.sufficiency.components.reciprocity = none
        model.sufficiency.components.jointValue = none
        model.sufficiency.components.alignment = none
        model.sufficiency.flags = model.sufficiency.flags.mapValues { _ in none }
        return model
    }
}

import Foundation
import PartnerDomain

// Each fact's fields in their fixed order after its tag. Changing an order or
// a tag changes the checkpoint format: existing checkpoints must then be rebuilt.

extension UnkeyedEncodingContainer {
    mutating func encodeOptional<Value: Encodable>(_ value: Value?) throws {
        if let value { try encode(value) } else { try encodeNil() }
    }

    /// An amount as exact decimal text.
    mutating func encodeAmount(_ amount: MoneyAmount?) throws {
        try encodeOptional(amount.map { "\($0)" })
    }
}

extension UnkeyedDecodingContainer {
    mutating func decodeOptional<Value: Decodable>(_ type: Value.Type) throws -> Value? {
        try decodeNil() ? nil : try decode(type)
    }

    mutating func decodeAmount() throws -> MoneyAmount? {
        guard let text = try decodeOptional(String.self) else { return nil }
        guard let amount = Decimal(string: text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "\"\(text)\" is not an amount"))
        }
        return amount
    }

    mutating func unknownTag(_ tag: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "unknown fact \"\(tag)\""))
    }
}

extension SetupFact {
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        let tag = try container.decode(String.self)
        switch tag {
        case "opened":
            let name = try container.decode(String.self)
            var list = try container.nestedUnkeyedContainer()
            var parties: [PartnershipOpened.Party] = []
            while !list.isAtEnd {
                var party = try list.nestedUnkeyedContainer()
                parties.append(PartnershipOpened.Party(id: try party.decode(String.self), name: try party.decode(String.self)))
            }
            self = .opened(Opening(
                name: name, parties: parties, declaredType: try container.decode(RelationshipType.self),
                callCadenceDays: try container.decodeOptional(Int.self)))
        case "closed":
            self = .closed
        case "objective":
            self = .objective(Objective(
                objectiveId: try container.decode(String.self), party: try container.decode(String.self),
                kind: try container.decode(ObjectiveKind.self), horizon: try container.decode(Horizon.self)))
        case "charter":
            self = .charter(Charter(
                charterId: try container.decode(String.self), jointObjectiveIds: try container.decode([String].self),
                signedBy: try container.decode([String].self), callCadenceDays: try container.decodeOptional(Int.self),
                infoCategories: try container.decodeOptional([InformationCategory].self),
                hasSuccessMeasures: try container.decode(Bool.self)))
        case "weak-spot":
            self = .weakSpot(WeakSpot(
                party: try container.decode(String.self), area: try container.decode(WeakSpotArea.self), rating: try container.decode(Int.self)))
        case "survey":
            self = .survey(Survey(
                party: try container.decode(String.self), dimension: try container.decode(SurveyDimension.self), score: try container.decode(Int.self)))
        case "reclassified":
            self = .reclassified(try container.decode(RelationshipType.self))
        default:
            throw container.unknownTag(tag)
        }
    }

    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .opened(let opening):
            try container.encode("opened")
            try container.encode(opening.name)
            var list = container.nestedUnkeyedContainer()
            for party in opening.parties {
                var entry = list.nestedUnkeyedContainer()
                try entry.encode(party.id)
                try entry.encode(party.name)
            }
            try container.encode(opening.declaredType)
            try container.encodeOptional(opening.callCadenceDays)
        case .closed:
            try container.encode("closed")
        case .objective(let objective):
            try container.encode("objective")
            try container.encode(objective.objectiveId)
            try container.encode(objective.party)
            try container.encode(objective.kind)
            try container.encode(objective.horizon)
        case .charter(let charter):
            try container.encode("charter")
            try container.encode(charter.charterId)
            try container.encode(charter.jointObjectiveIds)
            try container.encode(charter.signedBy)
            try container.encodeOptional(charter.callCadenceDays)
            try container.encodeOptional(charter.infoCategories)
            try container.encode(charter.hasSuccessMeasures)
        case .weakSpot(let assessment):
            try container.encode("weak-spot")
            try container.encode(assessment.party)
            try container.encode(assessment.area)
            try container.encode(assessment.rating)
        case .survey(let answer):
            try container.encode("survey")
            try container.encode(answer.party)
            try container.encode(answer.dimension)
            try container.encode(answer.score)
        case .reclassified(let label):
            try container.encode("reclassified")
            try container.encode(label)
        }
    }
}

extension CommitmentFact {
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        let tag = try container.decode(String.self)
        switch tag {
        case "made":
            self = .made(Terms(
                commitmentId: try container.decode(String.self), owner: try container.decode(String.self),
                beneficiary: try container.decode(String.self), kind: try container.decode(CommitmentKind.self),
                dueDate: try container.decode(CalendarDate.self), value: try container.decodeAmount()))
        case "fulfilled": self = .fulfilled(commitmentId: try container.decode(String.self))
        case "missed": self = .missed(commitmentId: try container.decode(String.self))
        case "withdrawn": self = .withdrawn(commitmentId: try container.decode(String.self))
        case "renegotiated":
            self = .renegotiated(commitmentId: try container.decode(String.self), newDueDate: try container.decode(CalendarDate.self))
        default:
            throw container.unknownTag(tag)
        }
    }

    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .made(let terms):
            try container.encode("made")
            try container.encode(terms.commitmentId)
            try container.encode(terms.owner)
            try container.encode(terms.beneficiary)
            try container.encode(terms.kind)
            try container.encode(terms.dueDate)
            try container.encodeAmount(terms.value)
        case .fulfilled(let id):
            try container.encode("fulfilled")
            try container.encode(id)
        case .missed(let id):
            try container.encode("missed")
            try container.encode(id)
        case .withdrawn(let id):
            try container.encode("withdrawn")
            try container.encode(id)
        case .renegotiated(let id, let newDueDate):
            try container.encode("renegotiated")
            try container.encode(id)
            try container.encode(newDueDate)
        }
    }
}

extension OpportunityFact {
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        let tag = try container.decode(String.self)
        switch tag {
        case "shared":
            self = .shared(Terms(
                opportunityId: try container.decode(String.self), from: try container.decode(String.self),
                to: try container.decode(String.self), kind: try container.decode(OpportunityKind.self),
                estimatedValue: try container.decodeAmount(), currency: try container.decodeOptional(String.self)))
        case "accepted": self = .accepted(opportunityId: try container.decode(String.self))
        case "declined": self = .declined(opportunityId: try container.decode(String.self))
        case "lost": self = .lost(opportunityId: try container.decode(String.self))
        case "won": self = .won(opportunityId: try container.decode(String.self), value: try container.decodeAmount())
        default:
            throw container.unknownTag(tag)
        }
    }

    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .shared(let terms):
            try container.encode("shared")
            try container.encode(terms.opportunityId)
            try container.encode(terms.from)
            try container.encode(terms.to)
            try container.encode(terms.kind)
            try container.encodeAmount(terms.estimatedValue)
            try container.encodeOptional(terms.currency)
        case .accepted(let id):
            try container.encode("accepted")
            try container.encode(id)
        case .declined(let id):
            try container.encode("declined")
            try container.encode(id)
        case .lost(let id):
            try container.encode("lost")
            try container.encode(id)
        case .won(let id, let value):
            try container.encode("won")
            try container.encode(id)
            try container.encodeAmount(value)
        }
    }
}

extension MeetingFact {
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        let tag = try container.decode(String.self)
        switch tag {
        case "scheduled":
            self = .scheduled(
                meetingId: try container.decode(String.self), kind: try container.decode(MeetingKind.self),
                organizer: try container.decodeOptional(String.self))
        case "held":
            let meetingId = try container.decode(String.self)
            let kind = try container.decode(MeetingKind.self)
            let organizer = try container.decodeOptional(String.self)
            var attendeeList = try container.nestedUnkeyedContainer()
            var attendees: [Attendee] = []
            while !attendeeList.isAtEnd {
                var entry = try attendeeList.nestedUnkeyedContainer()
                attendees.append(Attendee(party: try entry.decode(String.self), seniority: try entry.decode(Seniority.self)))
            }
            var itemList = try container.nestedUnkeyedContainer()
            var items: [ActionItem] = []
            while !itemList.isAtEnd {
                var entry = try itemList.nestedUnkeyedContainer()
                items.append(ActionItem(
                    actionId: try entry.decode(String.self), owner: try entry.decode(String.self), due: try entry.decode(CalendarDate.self)))
            }
            self = .held(Held(
                meetingId: meetingId, kind: kind, organizer: organizer, attendees: attendees, actionItems: items,
                scorecardReviewed: try container.decode(Bool.self)))
        case "cancelled":
            self = .cancelled(
                meetingId: try container.decode(String.self), by: try container.decode(String.self),
                noticeHours: try container.decodeOptional(Int.self))
        case "missed":
            self = .missed(meetingId: try container.decode(String.self), party: try container.decode(String.self))
        case "action-closed":
            self = .actionItemClosed(actionId: try container.decode(String.self))
        default:
            throw container.unknownTag(tag)
        }
    }

    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .scheduled(let meetingId, let kind, let organizer):
            try container.encode("scheduled")
            try container.encode(meetingId)
            try container.encode(kind)
            try container.encodeOptional(organizer)
        case .held(let held):
            try container.encode("held")
            try container.encode(held.meetingId)
            try container.encode(held.kind)
            try container.encodeOptional(held.organizer)
            var attendeeList = container.nestedUnkeyedContainer()
            for attendee in held.attendees {
                var entry = attendeeList.nestedUnkeyedContainer()
                try entry.encode(attendee.party)
                try entry.encode(attendee.seniority)
            }
            var itemList = container.nestedUnkeyedContainer()
            for item in held.actionItems {
                var entry = itemList.nestedUnkeyedContainer()
                try entry.encode(item.actionId)
                try entry.encode(item.owner)
                try entry.encode(item.due)
            }
            try container.encode(held.scorecardReviewed)
        case .cancelled(let meetingId, let by, let noticeHours):
            try container.encode("cancelled")
            try container.encode(meetingId)
            try container.encode(by)
            try container.encodeOptional(noticeHours)
        case .missed(let meetingId, let party):
            try container.encode("missed")
            try container.encode(meetingId)
            try container.encode(party)
        case .actionItemClosed(let actionId):
            try container.encode("action-closed")
            try container.encode(actionId)
        }
    }
}

extension TransparencyFact {
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        let tag = try container.decode(String.self)
        switch tag {
        case "shared":
            self = .shared(
                from: try container.decode(String.self), to: try container.decode(String.self),
                category: try container.decode(InformationCategory.self), depth: try container.decode(DisclosureDepth.self))
        case "requested":
            self = .requested(
                requestId: try container.decode(String.self), by: try container.decode(String.self),
                to: try container.decode(String.self), category: try container.decode(InformationCategory.self))
        case "answered": self = .answered(requestId: try container.decode(String.self))
        case "declined": self = .declined(requestId: try container.decode(String.self))
        case "disclosure":
            self = .disclosure(party: try container.decode(String.self), proactive: try container.decode(Bool.self))
        case "surprise":
            self = .surprise(affectedParty: try container.decode(String.self), aboutParty: try container.decode(String.self))
        default:
            throw container.unknownTag(tag)
        }
    }

    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .shared(let from, let to, let category, let depth):
            try container.encode("shared")
            try container.encode(from)
            try container.encode(to)
            try container.encode(category)
            try container.encode(depth)
        case .requested(let requestId, let by, let to, let category):
            try container.encode("requested")
            try container.encode(requestId)
            try container.encode(by)
            try container.encode(to)
            try container.encode(category)
        case .answered(let requestId):
            try container.encode("answered")
            try container.encode(requestId)
        case .declined(let requestId):
            try container.encode("declined")
            try container.encode(requestId)
        case .disclosure(let party, let proactive):
            try container.encode("disclosure")
            try container.encode(party)
            try container.encode(proactive)
        case .surprise(let affectedParty, let aboutParty):
            try container.encode("surprise")
            try container.encode(affectedParty)
            try container.encode(aboutParty)
        }
    }
}

extension MoneyFact {
    init(fieldsFrom container: inout any UnkeyedDecodingContainer) throws {
        let tag = try container.decode(String.self)
        switch tag {
        case "investment":
            let party = try container.decode(String.self)
            guard let amount = try container.decodeAmount() else {
                throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: container.codingPath, debugDescription: "an investment needs an amount"))
            }
            self = .investment(Investment(
                party: party, amount: amount, kind: try container.decode(InvestmentKind.self),
                upfront: try container.decode(Bool.self), expectedReturnBy: try container.decodeOptional(CalendarDate.self)))
        case "exec-access":
            self = .execAccessRequested(by: try container.decode(String.self), granted: try container.decodeOptional(Bool.self))
        default:
            throw container.unknownTag(tag)
        }
    }

    func encodeFields(to container: inout any UnkeyedEncodingContainer) throws {
        switch self {
        case .investment(let investment):
            try container.encode("investment")
            try container.encode(investment.party)
            try container.encodeAmount(investment.amount)
            try container.encode(investment.kind)
            try container.encode(investment.upfront)
            try container.encodeOptional(investment.expectedReturnBy)
        case .execAccessRequested(let by, let granted):
            try container.encode("exec-access")
            try container.encode(by)
            try container.encodeOptional(granted)
        }
    }
}

import LedgerJSON

// Field-by-field readings of the most frequent event types; each mirrors the type's
// synthesized `Decodable` conformance: every stored property, required unless optional.

extension MeetingScheduled: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            meetingId: try fields.string("meetingId"), kind: try fields.word("kind"),
            scheduledFor: try fields.timestamp("scheduledFor"), organizer: try fields.optionalString("organizer"))
    }
}

extension MeetingHeld: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        var attendees: [Attendee] = []
        for element in try fields.array("attendees") {
            let attendee = try ParsedFields(element)
            attendees.append(Attendee(
                party: try attendee.string("party"), seniority: try attendee.word("seniority"), name: try attendee.optionalString("name")))
        }
        var actionItems: [ActionItem]?
        if let elements = try fields.optionalArray("actionItems") {
            var items: [ActionItem] = []
            for element in elements {
                let item = try ParsedFields(element)
                items.append(ActionItem(
                    actionId: try item.string("actionId"), owner: try item.string("owner"),
                    due: try item.calendarDate("due"), text: try item.string("text")))
            }
            actionItems = items
        }
        var decisions: [String]?
        if let elements = try fields.optionalArray("decisions") {
            var texts: [String] = []
            for element in elements { texts.append(try ParsedFields.string(element)) }
            decisions = texts
        }
        self.init(
            meetingId: try fields.string("meetingId"), kind: try fields.word("kind"), organizer: try fields.optionalString("organizer"),
            attendees: attendees, durationMinutes: try fields.optionalInt("durationMinutes"), notes: try fields.optionalString("notes"),
            decisions: decisions, actionItems: actionItems, priorActionsReviewed: try fields.optionalBool("priorActionsReviewed"),
            scorecardReviewed: try fields.optionalBool("scorecardReviewed"))
    }
}

extension InformationShared: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            from: try fields.string("from"), to: try fields.string("to"),
            category: try fields.word("category"), depth: try fields.word("depth"))
    }
}

extension CommitmentMade: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            commitmentId: try fields.string("commitmentId"), owner: try fields.string("owner"),
            beneficiary: try fields.string("beneficiary"), kind: try fields.word("kind"),
            description: try fields.string("description"), dueDate: try fields.calendarDate("dueDate"),
            value: try fields.optionalAmount("value"))
    }
}

extension CommitmentFulfilled: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(commitmentId: try fields.string("commitmentId"), quality: try fields.optionalInt("quality"))
    }
}

extension OpportunityShared: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            opportunityId: try fields.string("opportunityId"), from: try fields.string("from"), to: try fields.string("to"),
            kind: try fields.word("kind"), estimatedValue: try fields.optionalAmount("estimatedValue"),
            currency: try fields.optionalCurrency("currency"), account: try fields.optionalString("account"))
    }
}

extension ActionItemClosed: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(actionId: try fields.string("actionId"))
    }
}

extension MeetingCancelled: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            meetingId: try fields.string("meetingId"), by: try fields.string("by"),
            noticeHours: try fields.optionalInt("noticeHours"), reason: try fields.optionalString("reason"))
    }
}

extension MeetingMissed: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(meetingId: try fields.string("meetingId"), absentParty: try fields.string("absentParty"))
    }
}

extension CommitmentMissed: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(commitmentId: try fields.string("commitmentId"), reason: try fields.optionalString("reason"))
    }
}

extension InformationRequested: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            requestId: try fields.string("requestId"), by: try fields.string("by"), to: try fields.string("to"),
            category: try fields.word("category"))
    }
}

extension InformationRequestAnswered: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(requestId: try fields.string("requestId"), reason: try fields.optionalString("reason"))
    }
}

extension HealthSurveyed: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            respondentParty: try fields.string("respondentParty"), dimension: try fields.word("dimension"),
            score: try fields.int("score"), comment: try fields.optionalString("comment"))
    }
}

extension InvestmentMade: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        guard let amount = try fields.optionalAmount("amount"), let currency = try fields.optionalCurrency("currency")
        else { throw ParsedPayloadDecoder.Unsupported() }
        var expectedReturnBy: CalendarDate?
        if fields.optionalMember("expectedReturnBy") != nil { expectedReturnBy = try fields.calendarDate("expectedReturnBy") }
        guard case .bool(let upfront) = try fields.member("upfront") else { throw ParsedPayloadDecoder.Unsupported() }
        self.init(
            party: try fields.string("party"), amount: amount, currency: currency, kind: try fields.word("kind"),
            upfront: upfront, expectedReturnBy: expectedReturnBy)
    }
}

extension OpportunityAccepted: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(opportunityId: try fields.string("opportunityId"), reason: try fields.optionalString("reason"))
    }
}

extension OpportunityDeclined: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(opportunityId: try fields.string("opportunityId"), reason: try fields.optionalString("reason"))
    }
}

extension OpportunityWon: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            opportunityId: try fields.string("opportunityId"), value: try fields.optionalAmount("value"),
            reason: try fields.optionalString("reason"))
    }
}

extension OpportunityLost: ParsedPayloadReading {
    init(parsed fields: ParsedFields) throws(ParsedPayloadDecoder.Unsupported) {
        self.init(
            opportunityId: try fields.string("opportunityId"), value: try fields.optionalAmount("value"),
            reason: try fields.optionalString("reason"))
    }
}

/// The rules of meetings, attendance and action items.
extension PartnershipRules {
    func checkMeetingHeld(_ meeting: MeetingHeld) throws(DomainError) {
        try Self.text(meeting.meetingId, at: "payload.meetingId")
        let existing = state.meetings[meeting.meetingId]?.current
        if let existing, existing.status != .scheduled {
            throw DomainError(
                code: .meetingAlreadyClosed, field: "payload.meetingId", value: JSONText.quoted(meeting.meetingId),
                message: "meeting \(JSONText.quoted(meeting.meetingId)) was already \(existing.status.rawValue). Record each meeting once; use a new id for another meeting.")
        }
        if let organizer = meeting.organizer { try party(organizer, at: "payload.organizer") }
        guard !meeting.attendees.isEmpty else {
            throw DomainError(
                code: .emptyList, field: "payload.attendees", value: "[]",
                message: "lists nobody. Name at least one attendee; record MeetingMissed for a party that did not come.")
        }
        for (index, attendee) in meeting.attendees.enumerated() {
            let field = "payload.attendees[\(index)].party"
            try party(attendee.party, at: field)
            if let name = attendee.name {
                try text(name, at: "payload.attendees[\(index)].name")
            }
            if existing?.absentParties.contains(attendee.party) == true {
                throw DomainError(
                    code: .conflictingAttendance, field: field, value: JSONText.quoted(attendee.party),
                    message: "\(JSONText.quoted(attendee.party)) is recorded as absent from meeting \(JSONText.quoted(meeting.meetingId)). Retract that MeetingMissed first if the party did attend.")
            }
        }
        try Self.positive(meeting.durationMinutes, at: "payload.durationMinutes", unit: "the length in minutes")
        var newActionIds: Set<String> = []
        for (index, item) in (meeting.actionItems ?? []).enumerated() {
            let field = "payload.actionItems[\(index)]"
            try newId(item.actionId, at: "\(field).actionId", exists: { state.isActionItemOpen($0) != nil || newActionIds.contains($0) }, entity: "action item", code: .duplicateAction)
            newActionIds.insert(item.actionId)
            try party(item.owner, at: "\(field).owner")
            try Self.text(item.text, at: "\(field).text")
        }
    }

    func checkCancellation(_ cancellation: MeetingCancelled) throws(DomainError) {
        let meeting = try knownMeeting(cancellation.meetingId)
        if meeting.status != .scheduled {
            let advice = meeting.status == .held
                ? "A held meeting cannot be cancelled; record MeetingMissed for a party that did not attend."
                : "Cancel a meeting once."
            throw DomainError(
                code: .meetingAlreadyClosed, field: "payload.meetingId", value: JSONText.quoted(cancellation.meetingId),
                message: "meeting \(JSONText.quoted(cancellation.meetingId)) was already \(meeting.status.rawValue). \(advice)")
        }
        try party(cancellation.by, at: "payload.by")
        if let notice = cancellation.noticeHours, notice < 0 {
            throw DomainError(
                code: .outOfRange, field: "payload.noticeHours", value: String(notice),
                message: "\(notice) is out of range. Give the hours of notice, 0 or more.")
        }
    }

    func checkMiss(_ miss: MeetingMissed) throws(DomainError) {
        let meeting = try knownMeeting(miss.meetingId)
        if meeting.status == .cancelled {
            throw DomainError(
                code: .meetingAlreadyClosed, field: "payload.meetingId", value: JSONText.quoted(miss.meetingId),
                message: "meeting \(JSONText.quoted(miss.meetingId)) was cancelled, so nobody missed it. Check the meeting id.")
        }
        try party(miss.absentParty, at: "payload.absentParty")
        let party = JSONText.quoted(miss.absentParty)
        if meeting.attendingParties.contains(miss.absentParty) {
            throw DomainError(
                code: .conflictingAttendance, field: "payload.absentParty", value: party,
                message: "\(party) attended meeting \(JSONText.quoted(miss.meetingId)). Retract the MeetingHeld first if its attendees were recorded wrongly.")
        }
        if meeting.absentParties.contains(miss.absentParty) {
            throw DomainError(
                code: .conflictingAttendance, field: "payload.absentParty", value: party,
                message: "\(party) is already recorded as absent from meeting \(JSONText.quoted(miss.meetingId)). Record an absence once.")
        }
    }

    func checkActionItemClosed(_ closing: ActionItemClosed) throws(DomainError) {
        guard let isOpen = state.isActionItemOpen(closing.actionId) else {
            throw unknown(closing.actionId, at: "payload.actionId", entity: "action item", code: .unknownAction, creatingEvent: "MeetingHeld with the item in actionItems")
        }
        guard isOpen else {
            throw DomainError(
                code: .actionAlreadyClosed, field: "payload.actionId", value: JSONText.quoted(closing.actionId),
                message: "action item \(JSONText.quoted(closing.actionId)) is already closed. Close each action item once.")
        }
    }

    func knownMeeting(_ meetingId: String) throws(DomainError) -> MeetingSnapshot {
        guard let meeting = state.meetings[meetingId]?.current else {
            throw unknown(meetingId, at: "payload.meetingId", entity: "meeting", code: .unknownMeeting, creatingEvent: "MeetingScheduled")
        }
        return meeting
    }
}

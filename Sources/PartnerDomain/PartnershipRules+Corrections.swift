import Foundation

/// The rules of retractions.
extension PartnershipRules {
    func checkRetraction(_ retraction: EventRetracted) throws(DomainError) {
        let targetId = retraction.targetEventId
        let idText = JSONText.quoted(UUIDCoding.text(targetId))
        let field = "payload.targetEventId"
        guard let target = events[targetId] else {
            throw DomainError(
                code: .unknownEvent, field: field, value: idText,
                message: "no event with id \(idText) is recorded. Check the id: a retraction names the envelope id of the event it retracts.")
        }
        guard target.partnership == state.slug else {
            throw DomainError(
                code: .eventInOtherPartnership, field: field, value: idText,
                message: "event \(idText) (\(target.eventType)) belongs to partnership \(JSONText.quoted(target.partnership)). Record the retraction in that partnership.")
        }
        guard !target.isRetraction else {
            throw DomainError(
                code: .eventNotRetractable, field: field, value: idText,
                message: "event \(idText) is itself a retraction, and retractions cannot be retracted. To restore the retracted fact, record it again under a new id.")
        }
        guard !target.isRetracted else {
            throw DomainError(
                code: .eventNotRetractable, field: field, value: idText,
                message: "event \(idText) (\(target.eventType)) is already retracted. Retract an event once.")
        }
        if target.eventType == PartnershipOpened.eventType, state.liveEventCount > 1 {
            let others = state.liveEventCount - 1
            throw DomainError(
                code: .retractionBlocked, field: field, value: idText,
                message: "event \(idText) (PartnershipOpened) cannot be retracted while \(others) other \(others == 1 ? "event" : "events") of partnership \(quotedSlug) stand. Retract them first, or close the partnership instead.")
        }
        var blockers: [UUID] = []
        for key in target.changedEntities {
            for later in state.eventIds(after: targetId, on: key) where !blockers.contains(later) {
                blockers.append(later)
            }
        }
        if !blockers.isEmpty {
            let listed = blockers.map { id in
                "\(UUIDCoding.text(id)) (\(events[id]?.eventType ?? "event"), \(events[id]?.occurredAt.description ?? "unknown time"))"
            }
            throw DomainError(
                code: .retractionBlocked, field: field, value: idText,
                message: "event \(idText) (\(target.eventType)) cannot be retracted while later events build on it: \(listed.joined(separator: ", ")). Retract those first, latest first.")
        }
        try Self.text(retraction.reason, at: "payload.reason")
    }
}

import Foundation

extension PartnershipRegistry {
    /// Checks a command against the current state; throws the first rule it breaks, naming the field. Writes nothing.
    ///
    /// Rules, in the order they are checked:
    /// - the slug is valid (`invalid-slug`); `PartnershipOpened` needs a new
    ///   slug (`duplicate-partnership`), every other event an opened one
    ///   (`unknown-partnership`) that is not closed (`partnership-closed`;
    ///   only `EventRetracted` may follow a close, so a mistaken close can be undone);
    /// - every party field names a party of the partnership (`unknown-party`),
    ///   and the two parties of a transfer differ (`same-party`);
    /// - ids that introduce something are new (`duplicate-objective`,
    ///   `-charter`, `-meeting`, `-action`, `-opportunity`, `-commitment`,
    ///   `-request`), ids that refer to something exist (`unknown-...`);
    /// - a commitment ends once: fulfilled, missed or withdrawn
    ///   (`commitment-already-closed`), and only an open one is renegotiated,
    ///   to a different date (`unchanged-value`);
    /// - an opportunity is accepted or declined while shared, and won or lost
    ///   only once accepted (`opportunity-not-ready`), so that won is a subset
    ///   of accepted is a subset of shared, which the joint-value score
    ///   relies on; declined, won and lost end it (`opportunity-already-closed`);
    /// - a meeting is held or cancelled once (`meeting-already-closed`); an
    ///   absence contradicts neither attendance nor an earlier absence
    ///   (`conflicting-attendance`); an action item closes once, a request is
    ///   answered or declined once;
    /// - ratings, scores and quality lie in 1...5, cadences and durations
    ///   above 0, notice hours 0 or more (`out-of-range`); amounts are not
    ///   negative (`negative-amount`), investments above 0; an estimated value
    ///   names its currency (`missing-currency`);
    /// - required texts and ids are not empty (`empty-text`), lists that need
    ///   an element have one (`empty-list`);
    /// - a retraction targets a standing, non-retraction event of the same
    ///   partnership that no later standing event builds on (`unknown-event`,
    ///   `event-in-other-partnership`, `event-not-retractable`, `retraction-blocked`).
    public func validate(_ event: PartnershipEvent, partnership slug: String) throws(DomainError) {
        do throws(DomainError) {
            try Slug.validate(slug, as: "partnership slug")
        } catch {
            throw error.at(field: "partnership")
        }
        let state = state(of: slug)
        if case .partnershipOpened(let opened) = event {
            if let state {
                throw DomainError(
                    code: .duplicatePartnership, field: "partnership", value: JSONText.quoted(slug),
                    message: "partnership \(JSONText.quoted(slug)) already exists (\(JSONText.quoted(state.name)), \(state.isClosed ? "closed" : "open")). Choose another slug for a new partnership.")
            }
            try PartnershipRules.checkOpening(opened)
            return
        }
        guard let state else {
            throw DomainError(
                code: .unknownPartnership, field: "partnership", value: JSONText.quoted(slug),
                message: "partnership \(JSONText.quoted(slug)) has not been opened. Record PartnershipOpened for it first, or check the slug.")
        }
        if state.isClosed, event.eventType != EventRetracted.eventType {
            throw DomainError(
                code: .partnershipClosed, field: "partnership", value: JSONText.quoted(slug),
                message: "partnership \(JSONText.quoted(slug)) is closed; only EventRetracted may be recorded on it. Retract its PartnershipClosed first if it was closed by mistake.")
        }
        try PartnershipRules(state: state, events: events).check(event)
    }
}

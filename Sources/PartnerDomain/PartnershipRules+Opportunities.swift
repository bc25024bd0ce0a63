/// The rules of the opportunity lifecycle.
extension PartnershipRules {
    func checkOpportunityShared(_ opportunity: OpportunityShared) throws(DomainError) {
        try newId(opportunity.opportunityId, at: "payload.opportunityId", exists: { state.opportunityStatus($0) != nil }, entity: "opportunity", code: .duplicateOpportunity)
        try party(opportunity.from, at: "payload.from")
        try party(opportunity.to, at: "payload.to")
        try distinct(opportunity.to, from: opportunity.from, at: "payload.to", otherField: "payload.from", because: "an opportunity passes from one party to another")
        try nonNegative(opportunity.estimatedValue, at: "payload.estimatedValue")
        if let value = opportunity.estimatedValue, opportunity.currency == nil {
            throw DomainError(
                code: .missingCurrency, field: "payload.currency", value: nil,
                message: "is required when estimatedValue (\(value)) is given. Add the ISO 4217 code of the estimate, such as EUR.")
        }
    }

    /// Checks that an opportunity exists and is in `required` state before it becomes `becoming`.
    func opportunity(_ opportunityId: String, mustBe required: OpportunityStatus, becoming: String) throws(DomainError) {
        guard let status = state.opportunityStatus(opportunityId) else {
            throw unknown(opportunityId, at: "payload.opportunityId", entity: "opportunity", code: .unknownOpportunity, creatingEvent: "OpportunityShared")
        }
        guard status != required else { return }
        let id = JSONText.quoted(opportunityId)
        let error: (DomainError.Code, String) = switch (status, required) {
        case (_, _) where status.isTerminal:
            (.opportunityAlreadyClosed, "opportunity \(id) is already \(status.rawValue), which ended it. If that was wrong, retract the earlier event first.")
        case (.shared, _):
            (.opportunityNotReady, "opportunity \(id) has not been accepted. Record OpportunityAccepted first: only an accepted opportunity can be \(becoming).")
        default:
            (.opportunityNotReady, "opportunity \(id) is already accepted; an accepted opportunity ends won or lost. Record OpportunityWon or OpportunityLost.")
        }
        throw DomainError(code: error.0, field: "payload.opportunityId", value: id, message: error.1)
    }
}

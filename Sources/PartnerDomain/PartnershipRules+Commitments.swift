/// The rules of the commitment lifecycle.
extension PartnershipRules {
    func checkCommitmentMade(_ commitment: CommitmentMade) throws(DomainError) {
        try newId(commitment.commitmentId, at: "payload.commitmentId", exists: { state.commitmentStatus($0) != nil }, entity: "commitment", code: .duplicateCommitment)
        try party(commitment.owner, at: "payload.owner")
        try party(commitment.beneficiary, at: "payload.beneficiary")
        try distinct(commitment.beneficiary, from: commitment.owner, at: "payload.beneficiary", otherField: "payload.owner", because: "a commitment is made to another party")
        try Self.text(commitment.description, at: "payload.description")
        try nonNegative(commitment.value, at: "payload.value")
    }

    func checkRenegotiation(_ renegotiation: CommitmentRenegotiated) throws(DomainError) {
        let commitment = try openCommitment(renegotiation.commitmentId)
        if renegotiation.newDueDate == commitment.dueDate {
            throw DomainError(
                code: .unchangedValue, field: "payload.newDueDate", value: JSONText.quoted(renegotiation.newDueDate.description),
                message: "\(renegotiation.newDueDate) is already the due date of commitment \(JSONText.quoted(renegotiation.commitmentId)). Give a different date, or record nothing.")
        }
        try party(renegotiation.requestedBy, at: "payload.requestedBy")
    }

    @discardableResult
    func openCommitment(_ commitmentId: String) throws(DomainError) -> CommitmentSnapshot {
        guard let commitment = state.commitments[commitmentId]?.current else {
            throw unknown(commitmentId, at: "payload.commitmentId", entity: "commitment", code: .unknownCommitment, creatingEvent: "CommitmentMade")
        }
        guard !commitment.status.isTerminal else {
            throw DomainError(
                code: .commitmentAlreadyClosed, field: "payload.commitmentId", value: JSONText.quoted(commitmentId),
                message: "commitment \(JSONText.quoted(commitmentId)) is already \(commitment.status.rawValue), which ended it. A commitment ends once; if that was wrong, retract the earlier event first.")
        }
        return commitment
    }
}

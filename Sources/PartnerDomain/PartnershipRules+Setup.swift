/// The rules of the setup events: opening, objectives, charters.
extension PartnershipRules {
    /// The rules of `PartnershipOpened` that need no state: at least two distinct, well-formed parties, names, cadences.
    static func checkOpening(_ opened: PartnershipOpened) throws(DomainError) {
        try text(opened.name, at: "payload.name")
        guard opened.parties.count >= 2 else {
            throw DomainError(
                code: .tooFewParties, field: "payload.parties", value: String(opened.parties.count),
                message: "lists \(opened.parties.count) \(opened.parties.count == 1 ? "party" : "parties"). A partnership needs at least two parties; add the others.")
        }
        var seen: Set<String> = []
        for (index, party) in opened.parties.enumerated() {
            let field = "payload.parties[\(index)].id"
            do throws(DomainError) {
                try Slug.validate(party.id, as: "party id")
            } catch {
                throw error.at(field: field)
            }
            guard seen.insert(party.id).inserted else {
                throw DomainError(
                    code: .duplicateParty, field: field, value: JSONText.quoted(party.id),
                    message: "\(JSONText.quoted(party.id)) appears twice. Give each party a distinct id.")
            }
            try text(party.name, at: "payload.parties[\(index)].name")
        }
        try positive(opened.callCadenceDays, at: "payload.callCadenceDays", unit: "a number of days")
        try positive(opened.qbrCadenceDays, at: "payload.qbrCadenceDays", unit: "a number of days")
    }

    func checkCharter(_ charter: CharterAgreed) throws(DomainError) {
        try newId(charter.charterId, at: "payload.charterId", exists: state.hasCharter, entity: "charter", code: .duplicateCharter)
        try text(charter.why, at: "payload.why")
        for (index, objectiveId) in charter.jointObjectiveIds.enumerated() where !state.hasObjective(objectiveId) {
            throw unknown(objectiveId, at: "payload.jointObjectiveIds[\(index)]", entity: "objective", code: .unknownObjective, creatingEvent: "ObjectiveDeclared")
        }
        guard !charter.signedBy.isEmpty else {
            throw DomainError(
                code: .emptyList, field: "payload.signedBy", value: "[]",
                message: "lists no party. Name at least one party that signed.")
        }
        var seen: Set<String> = []
        for (index, signatory) in charter.signedBy.enumerated() {
            try party(signatory, at: "payload.signedBy[\(index)]")
            guard seen.insert(signatory).inserted else {
                throw DomainError(
                    code: .duplicateParty, field: "payload.signedBy[\(index)]", value: JSONText.quoted(signatory),
                    message: "\(JSONText.quoted(signatory)) signed twice. List each signing party once.")
            }
        }
        try Self.positive(charter.callCadenceDays, at: "payload.callCadenceDays", unit: "a number of days")
        try Self.positive(charter.qbrCadenceDays, at: "payload.qbrCadenceDays", unit: "a number of days")
    }
}

/// The rules of investments and information requests.
extension PartnershipRules {
    func checkInvestment(_ investment: InvestmentMade) throws(DomainError) {
        try party(investment.party, at: "payload.party")
        try nonNegative(investment.amount, at: "payload.amount")
        if investment.amount == 0 {
            throw DomainError(
                code: .outOfRange, field: "payload.amount", value: "0",
                message: "0 is out of range: an investment of nothing records nothing. Give an amount above 0.")
        }
    }

    func openRequest(_ requestId: String, becoming: String) throws(DomainError) {
        guard let status = state.requestStatus(requestId) else {
            throw unknown(requestId, at: "payload.requestId", entity: "information request", code: .unknownRequest, creatingEvent: "InformationRequested")
        }
        guard status == .open else {
            throw DomainError(
                code: .requestAlreadyClosed, field: "payload.requestId", value: JSONText.quoted(requestId),
                message: "information request \(JSONText.quoted(requestId)) was already \(status.rawValue), so it cannot be \(becoming). A request is closed once.")
        }
    }
}

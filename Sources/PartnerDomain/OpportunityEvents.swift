/// One party passes business to another: a referral, a co-sell, an introduction or a lead.
///
/// An opportunity moves from shared to accepted or declined; an accepted one
/// ends won or lost. `estimatedValue` needs a `currency`.
public struct OpportunityShared: EventPayload {
    public static let eventType = "OpportunityShared"
    public static let eventVersion = 1

    /// The opportunity's id, unique within the partnership.
    public var opportunityId: String
    /// The party that gives it.
    public var from: String
    /// The party that receives it; not `from`.
    public var to: String
    /// How the business is passed.
    public var kind: OpportunityKind
    /// What it may be worth, 0 or more, in `currency`.
    public var estimatedValue: MoneyAmount?
    /// The currency of `estimatedValue` and of a later won or lost `value`.
    public var currency: CurrencyCode?
    /// The customer account concerned.
    public var account: String?

    /// Creates the payload.
    public init(
        opportunityId: String, from: String, to: String, kind: OpportunityKind,
        estimatedValue: MoneyAmount? = nil, currency: CurrencyCode? = nil, account: String? = nil
    ) {
        self.opportunityId = opportunityId
        self.from = from
        self.to = to
        self.kind = kind
        self.estimatedValue = estimatedValue
        self.currency = currency
        self.account = account
    }
}

/// The receiving party takes up a shared opportunity.
public struct OpportunityAccepted: EventPayload {
    public static let eventType = "OpportunityAccepted"
    public static let eventVersion = 1

    /// The opportunity accepted.
    public var opportunityId: String
    /// Why it was accepted.
    public var reason: String?

    /// Creates the payload.
    public init(opportunityId: String, reason: String? = nil) {
        self.opportunityId = opportunityId
        self.reason = reason
    }
}

/// The receiving party turns down a shared opportunity; this ends it.
public struct OpportunityDeclined: EventPayload {
    public static let eventType = "OpportunityDeclined"
    public static let eventVersion = 1

    /// The opportunity declined.
    public var opportunityId: String
    /// Why it was declined.
    public var reason: String?

    /// Creates the payload.
    public init(opportunityId: String, reason: String? = nil) {
        self.opportunityId = opportunityId
        self.reason = reason
    }
}

/// An accepted opportunity turned into business; this ends it.
public struct OpportunityWon: EventPayload {
    public static let eventType = "OpportunityWon"
    public static let eventVersion = 1

    /// The opportunity won.
    public var opportunityId: String
    /// What was won, 0 or more, in the currency of the shared opportunity.
    public var value: MoneyAmount?
    /// What made it work.
    public var reason: String?

    /// Creates the payload.
    public init(opportunityId: String, value: MoneyAmount? = nil, reason: String? = nil) {
        self.opportunityId = opportunityId
        self.value = value
        self.reason = reason
    }
}

/// An accepted opportunity came to nothing; this ends it.
public struct OpportunityLost: EventPayload {
    public static let eventType = "OpportunityLost"
    public static let eventVersion = 1

    /// The opportunity lost.
    public var opportunityId: String
    /// What was at stake, 0 or more, in the currency of the shared opportunity.
    public var value: MoneyAmount?
    /// Why it was lost.
    public var reason: String?

    /// Creates the payload.
    public init(opportunityId: String, value: MoneyAmount? = nil, reason: String? = nil) {
        self.opportunityId = opportunityId
        self.value = value
        self.reason = reason
    }
}

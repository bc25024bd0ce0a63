/// A party puts money, hours or other resources into the partnership.
///
/// `amount` is above 0. For `hours` it counts hours, and `currency` is the
/// currency in which the scoring model's hourly rate values them; for every
/// other kind it is money in `currency`. `upfront` marks an investment made
/// before any return, the kind that can sour a relationship.
public struct InvestmentMade: EventPayload {
    public static let eventType = "InvestmentMade"
    public static let eventVersion = 1

    /// The party investing.
    public var party: String
    /// How much, above 0: money in `currency`, or hours for `hours`.
    public var amount: MoneyAmount
    /// The currency of `amount`.
    public var currency: CurrencyCode
    /// What form the investment takes.
    public var kind: InvestmentKind
    /// Whether it is made up front, before any return.
    public var upfront: Bool
    /// The day by which the party expects a return.
    public var expectedReturnBy: CalendarDate?

    /// Creates the payload.
    public init(
        party: String, amount: MoneyAmount, currency: CurrencyCode, kind: InvestmentKind,
        upfront: Bool, expectedReturnBy: CalendarDate? = nil
    ) {
        self.party = party
        self.amount = amount
        self.currency = currency
        self.kind = kind
        self.upfront = upfront
        self.expectedReturnBy = expectedReturnBy
    }
}

/// A party asks for access to the other side's executives, and whether it got it.
public struct ExecAccessRequested: EventPayload {
    public static let eventType = "ExecAccessRequested"
    public static let eventVersion = 1

    /// The party asking.
    public var by: String
    /// Whether access was granted; absent while undecided.
    public var granted: Bool?

    /// Creates the payload.
    public init(by: String, granted: Bool? = nil) {
        self.by = by
        self.granted = granted
    }
}

/// A party shares a category of information with another, at some depth.
public struct InformationShared: EventPayload {
    public static let eventType = "InformationShared"
    public static let eventVersion = 1

    /// The party sharing.
    public var from: String
    /// The party receiving; not `from`.
    public var to: String
    /// What kind of information.
    public var category: InformationCategory
    /// How much of it: counts only, a summary, or in full.
    public var depth: DisclosureDepth

    /// Creates the payload.
    public init(from: String, to: String, category: InformationCategory, depth: DisclosureDepth) {
        self.from = from
        self.to = to
        self.category = category
        self.depth = depth
    }
}

/// A party asks another for a category of information.
///
/// The request stays open until `InformationRequestAnswered` or
/// `InformationRequestDeclined` names it.
public struct InformationRequested: EventPayload {
    public static let eventType = "InformationRequested"
    public static let eventVersion = 1

    /// The request's id, unique within the partnership.
    public var requestId: String
    /// The party asking.
    public var by: String
    /// The party asked; not `by`.
    public var to: String
    /// What kind of information.
    public var category: InformationCategory

    /// Creates the payload.
    public init(requestId: String, by: String, to: String, category: InformationCategory) {
        self.requestId = requestId
        self.by = by
        self.to = to
        self.category = category
    }
}

/// An information request was answered; this closes it.
public struct InformationRequestAnswered: EventPayload {
    public static let eventType = "InformationRequestAnswered"
    public static let eventVersion = 1

    /// The request answered.
    public var requestId: String
    /// A note on the answer.
    public var reason: String?

    /// Creates the payload.
    public init(requestId: String, reason: String? = nil) {
        self.requestId = requestId
        self.reason = reason
    }
}

/// An information request was refused; this closes it.
public struct InformationRequestDeclined: EventPayload {
    public static let eventType = "InformationRequestDeclined"
    public static let eventVersion = 1

    /// The request declined.
    public var requestId: String
    /// Why it was refused.
    public var reason: String?

    /// Creates the payload.
    public init(requestId: String, reason: String? = nil) {
        self.requestId = requestId
        self.reason = reason
    }
}

/// A party discloses something that matters to the partnership, unprompted or not.
public struct DisclosureMade: EventPayload {
    public static let eventType = "DisclosureMade"
    public static let eventVersion = 1

    /// The party disclosing.
    public var party: String
    /// What was disclosed.
    public var topic: String
    /// Whether the party disclosed it before anyone asked.
    public var proactive: Bool

    /// Creates the payload.
    public init(party: String, topic: String, proactive: Bool) {
        self.party = party
        self.topic = topic
        self.proactive = proactive
    }
}

/// A party learns something about another that it should have been told.
public struct SurpriseDiscovered: EventPayload {
    public static let eventType = "SurpriseDiscovered"
    public static let eventVersion = 1

    /// The party that was surprised.
    public var affectedParty: String
    /// The party that kept it back; not `affectedParty`.
    public var aboutParty: String
    /// What the surprise was.
    public var topic: String

    /// Creates the payload.
    public init(affectedParty: String, aboutParty: String, topic: String) {
        self.affectedParty = affectedParty
        self.aboutParty = aboutParty
        self.topic = topic
    }
}

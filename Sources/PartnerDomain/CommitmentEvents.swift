/// A party promises another something by a day.
///
/// A commitment ends with exactly one of `CommitmentFulfilled`,
/// `CommitmentMissed` or `CommitmentWithdrawn`; until then it may be
/// renegotiated to a new due date.
public struct CommitmentMade: EventPayload {
    public static let eventType = "CommitmentMade"
    public static let eventVersion = 1

    /// The commitment's id, unique within the partnership.
    public var commitmentId: String
    /// The party that promises.
    public var owner: String
    /// The party that benefits; not `owner`.
    public var beneficiary: String
    /// What kind of thing is promised.
    public var kind: CommitmentKind
    /// What is promised, in words.
    public var description: String
    /// The day it is due.
    public var dueDate: CalendarDate
    /// What it is worth to the beneficiary, 0 or more, in the currency the partnership's amounts use.
    public var value: MoneyAmount?

    /// Creates the payload.
    public init(
        commitmentId: String, owner: String, beneficiary: String, kind: CommitmentKind,
        description: String, dueDate: CalendarDate, value: MoneyAmount? = nil
    ) {
        self.commitmentId = commitmentId
        self.owner = owner
        self.beneficiary = beneficiary
        self.kind = kind
        self.description = description
        self.dueDate = dueDate
        self.value = value
    }
}

/// A commitment was delivered; this ends it. The beneficiary may rate the quality 1..5.
public struct CommitmentFulfilled: EventPayload {
    public static let eventType = "CommitmentFulfilled"
    public static let eventVersion = 1

    /// The commitment fulfilled.
    public var commitmentId: String
    /// 1 (poor) to 5 (excellent).
    public var quality: Int?

    /// Creates the payload.
    public init(commitmentId: String, quality: Int? = nil) {
        self.commitmentId = commitmentId
        self.quality = quality
    }
}

/// A commitment was not delivered; this ends it.
public struct CommitmentMissed: EventPayload {
    public static let eventType = "CommitmentMissed"
    public static let eventVersion = 1

    /// The commitment missed.
    public var commitmentId: String
    /// Why it was missed.
    public var reason: String?

    /// Creates the payload.
    public init(commitmentId: String, reason: String? = nil) {
        self.commitmentId = commitmentId
        self.reason = reason
    }
}

/// An open commitment gets a new due date, at a party's request.
public struct CommitmentRenegotiated: EventPayload {
    public static let eventType = "CommitmentRenegotiated"
    public static let eventVersion = 1

    /// The commitment renegotiated.
    public var commitmentId: String
    /// The new due date; it must differ from the current one.
    public var newDueDate: CalendarDate
    /// The party that asked for the change.
    public var requestedBy: String
    /// Why.
    public var reason: String?

    /// Creates the payload.
    public init(commitmentId: String, newDueDate: CalendarDate, requestedBy: String, reason: String? = nil) {
        self.commitmentId = commitmentId
        self.newDueDate = newDueDate
        self.requestedBy = requestedBy
        self.reason = reason
    }
}

/// A party takes back a commitment; this ends it, and scores leave it out.
public struct CommitmentWithdrawn: EventPayload {
    public static let eventType = "CommitmentWithdrawn"
    public static let eventVersion = 1

    /// The commitment withdrawn.
    public var commitmentId: String
    /// The party that withdrew it.
    public var by: String
    /// Why.
    public var reason: String?

    /// Creates the payload.
    public init(commitmentId: String, by: String, reason: String? = nil) {
        self.commitmentId = commitmentId
        self.by = by
        self.reason = reason
    }
}

/// Where a commitment stands: open until one terminal event ends it.
public enum CommitmentStatus: String, Sendable, Hashable {
    /// Open, or ended as fulfilled, missed or withdrawn.
    case open, fulfilled, missed, withdrawn

    /// Whether a terminal event (fulfilled, missed or withdrawn) has ended the commitment.
    public var isTerminal: Bool { self != .open }
}

/// Where an opportunity stands: shared, then accepted or declined; accepted ends won or lost.
public enum OpportunityStatus: String, Sendable, Hashable {
    /// Shared, accepted, or ended as declined, won or lost.
    case shared, accepted, declined, won, lost

    /// Whether a terminal event (declined, won or lost) has ended the opportunity.
    public var isTerminal: Bool { self == .declined || self == .won || self == .lost }
}

/// Where a meeting stands: scheduled, then held or cancelled.
public enum MeetingStatus: String, Sendable, Hashable {
    /// Scheduled, held or cancelled.
    case scheduled, held, cancelled
}

/// Where an information request stands: open until answered or declined.
public enum RequestStatus: String, Sendable, Hashable {
    /// Open, answered or declined.
    case open, answered, declined
}

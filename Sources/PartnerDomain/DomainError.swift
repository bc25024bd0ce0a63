/// A rejected command or malformed input, explained as a sentence.
///
/// Every error carries a stable ``code`` for scripts, the JSON path of the
/// offending ``field`` (for example `payload.attendees[1].party`), the
/// offending ``value`` as written, and a ``description`` that names the field
/// and the value and says what to do:
///
/// ```
/// payload.owner: "globex" is not a party of partnership "acme-iot" (parties: acme, initech). Use one of those ids; parties are fixed when the partnership is opened.
/// ```
///
/// Match codes with a `catch` pattern:
///
/// ```swift
/// do { try registry.validate(event, partnership: "acme-iot") }
/// catch DomainError.Code.unknownParty { ... }
/// ```
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, kebab-case identifier of what went wrong, such as `unknown-party`.
    ///
    /// Codes never change meaning once released; scripts may rely on them.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The kebab-case text of the code, for example `unknown-party`.
        public let rawValue: String

        /// Wraps a code text; prefer the named constants.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The code text, as scripts see it.
        public var description: String { rawValue }

        /// Matches an error against a code, so that `catch DomainError.Code.unknownParty` reads naturally.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? DomainError)?.code == code
        }
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// The JSON path of the offending field (`partnership`, `payload.dueDate`,
    /// `payload.attendees[1].party`), or an empty string when the error is not
    /// about one field, such as a value parsed on its own.
    public let field: String
    /// The offending value as written (a JSON string is shown with its quotes), or nil.
    public let value: String?
    /// The explanation without the field prefix: what is wrong and what to do.
    public let message: String

    /// Creates an error; `message` must name the value and say what to do.
    public init(code: Code, field: String, value: String?, message: String) {
        self.code = code
        self.field = field
        self.value = value
        self.message = message
    }

    /// The full sentence shown to a user: the field, then the message.
    public var description: String {
        field.isEmpty ? message : "\(field): \(message)"
    }

    /// The same error reported at another field, such as the JSON path where a parsed value was found.
    public func at(field: String) -> DomainError {
        DomainError(code: code, field: field, value: value, message: message)
    }
}

extension DomainError.Code {
    /// The JSON input is not valid JSON.
    public static let malformedJSON = Self(rawValue: "malformed-json")
    /// The event type is not in the ``EventCatalog``.
    public static let unknownEventType = Self(rawValue: "unknown-event-type")
    /// The event type is known, but not at this version.
    public static let unknownEventVersion = Self(rawValue: "unknown-event-version")
    /// A required field is absent.
    public static let missingField = Self(rawValue: "missing-field")
    /// A field holds JSON `null`, which no field accepts; leave the field out instead.
    public static let nullValue = Self(rawValue: "null-value")
    /// A field holds a value of the wrong JSON type (a string where a number belongs).
    public static let wrongType = Self(rawValue: "wrong-type")
    /// An object holds a field its schema does not define.
    public static let unknownField = Self(rawValue: "unknown-field")
    /// A value is outside a closed vocabulary, such as a meeting kind.
    public static let invalidValue = Self(rawValue: "invalid-value")
    /// A text is not a `YYYY-MM-DD` calendar date.
    public static let invalidDate = Self(rawValue: "invalid-date")
    /// A text is not an ISO-8601 timestamp.
    public static let invalidTimestamp = Self(rawValue: "invalid-timestamp")
    /// A currency is not a three-letter ISO 4217 code.
    public static let invalidCurrency = Self(rawValue: "invalid-currency")
    /// A text is not a UUID.
    public static let invalidUUID = Self(rawValue: "invalid-uuid")
    /// A partnership slug or party id does not match `^[a-z0-9][a-z0-9-]{0,62}$`.
    public static let invalidSlug = Self(rawValue: "invalid-slug")
    /// A required text or id is empty.
    public static let emptyText = Self(rawValue: "empty-text")
    /// A list that needs at least one element is empty, such as a meeting's attendees.
    public static let emptyList = Self(rawValue: "empty-list")
    /// A number is outside its allowed range (rating 1..5, cadence above 0, ...).
    public static let outOfRange = Self(rawValue: "out-of-range")
    /// An amount of money or value is negative.
    public static let negativeAmount = Self(rawValue: "negative-amount")
    /// An amount is given without the currency it is counted in.
    public static let missingCurrency = Self(rawValue: "missing-currency")
    /// The partnership has not been opened.
    public static let unknownPartnership = Self(rawValue: "unknown-partnership")
    /// `PartnershipOpened` names a partnership that already exists.
    public static let duplicatePartnership = Self(rawValue: "duplicate-partnership")
    /// The partnership was closed; only retractions may follow.
    public static let partnershipClosed = Self(rawValue: "partnership-closed")
    /// A partnership needs at least two parties.
    public static let tooFewParties = Self(rawValue: "too-few-parties")
    /// A party is not one of the partnership's parties.
    public static let unknownParty = Self(rawValue: "unknown-party")
    /// A party id appears twice where each must appear once.
    public static let duplicateParty = Self(rawValue: "duplicate-party")
    /// Two fields name the same party where two different parties are meant (from and to).
    public static let sameParty = Self(rawValue: "same-party")
    /// A field repeats the current value, so the event would change nothing.
    public static let unchangedValue = Self(rawValue: "unchanged-value")
    /// An objective id is not declared in this partnership.
    public static let unknownObjective = Self(rawValue: "unknown-objective")
    /// An objective id is already declared.
    public static let duplicateObjective = Self(rawValue: "duplicate-objective")
    /// A charter id is already agreed.
    public static let duplicateCharter = Self(rawValue: "duplicate-charter")
    /// A meeting id is not known in this partnership.
    public static let unknownMeeting = Self(rawValue: "unknown-meeting")
    /// A meeting id is already scheduled or held.
    public static let duplicateMeeting = Self(rawValue: "duplicate-meeting")
    /// The meeting was already held or cancelled.
    public static let meetingAlreadyClosed = Self(rawValue: "meeting-already-closed")
    /// The absence contradicts the record: the party attended, or its absence is already recorded.
    public static let conflictingAttendance = Self(rawValue: "conflicting-attendance")
    /// An action item id is not known in this partnership.
    public static let unknownAction = Self(rawValue: "unknown-action")
    /// An action item id is already used.
    public static let duplicateAction = Self(rawValue: "duplicate-action")
    /// The action item is already closed.
    public static let actionAlreadyClosed = Self(rawValue: "action-already-closed")
    /// An opportunity id is not known in this partnership.
    public static let unknownOpportunity = Self(rawValue: "unknown-opportunity")
    /// An opportunity id is already shared.
    public static let duplicateOpportunity = Self(rawValue: "duplicate-opportunity")
    /// The opportunity already has its terminal event (declined, won or lost).
    public static let opportunityAlreadyClosed = Self(rawValue: "opportunity-already-closed")
    /// The opportunity is in the wrong state for this event (won before accepted, accepted twice).
    public static let opportunityNotReady = Self(rawValue: "opportunity-not-ready")
    /// A commitment id is not known in this partnership.
    public static let unknownCommitment = Self(rawValue: "unknown-commitment")
    /// A commitment id is already made.
    public static let duplicateCommitment = Self(rawValue: "duplicate-commitment")
    /// The commitment already has its terminal event (fulfilled, missed or withdrawn).
    public static let commitmentAlreadyClosed = Self(rawValue: "commitment-already-closed")
    /// An information request id is not known in this partnership.
    public static let unknownRequest = Self(rawValue: "unknown-request")
    /// An information request id is already used.
    public static let duplicateRequest = Self(rawValue: "duplicate-request")
    /// The information request was already answered or declined.
    public static let requestAlreadyClosed = Self(rawValue: "request-already-closed")
    /// A retraction targets an event id the ledger does not hold.
    public static let unknownEvent = Self(rawValue: "unknown-event")
    /// A retraction targets an event of another partnership.
    public static let eventInOtherPartnership = Self(rawValue: "event-in-other-partnership")
    /// A retraction targets an event that is already retracted, or a retraction.
    public static let eventNotRetractable = Self(rawValue: "event-not-retractable")
    /// A retraction targets an event that later, live events build on.
    public static let retractionBlocked = Self(rawValue: "retraction-blocked")
}

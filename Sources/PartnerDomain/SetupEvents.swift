/// A partnership begins: its name, its parties and what it is declared to be.
///
/// The party ids declared here are the only parties the partnership ever has;
/// every other event names parties by these ids. The slug of the partnership
/// is the envelope's `partnership`, not a payload field.
public struct PartnershipOpened: EventPayload {
    public static let eventType = "PartnershipOpened"
    public static let eventVersion = 1

    /// One party of a partnership: a slug id used by every later event, and a display name.
    public struct Party: Codable, Sendable, Equatable {
        /// The party's id, a slug such as `acme`.
        public var id: String
        /// The party's display name, such as "Acme Corp".
        public var name: String

        /// Creates a party.
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The partnership's display name.
    public var name: String
    /// The parties, at least two, each id once.
    public var parties: [Party]
    /// What the parties call the relationship when it starts.
    public var declaredType: RelationshipType
    /// The agreed number of days between regular calls, above 0.
    public var callCadenceDays: Int?
    /// The agreed number of days between quarterly business reviews, above 0.
    public var qbrCadenceDays: Int?

    /// Creates the payload.
    public init(name: String, parties: [Party], declaredType: RelationshipType, callCadenceDays: Int? = nil, qbrCadenceDays: Int? = nil) {
        self.name = name
        self.parties = parties
        self.declaredType = declaredType
        self.callCadenceDays = callCadenceDays
        self.qbrCadenceDays = qbrCadenceDays
    }
}

/// A partnership ends. Afterwards only retractions may be recorded on it.
public struct PartnershipClosed: EventPayload {
    public static let eventType = "PartnershipClosed"
    public static let eventVersion = 1

    /// Why it ended.
    public var reason: String

    /// Creates the payload.
    public init(reason: String) {
        self.reason = reason
    }
}

/// A party states what it wants from the partnership.
public struct ObjectiveDeclared: EventPayload {
    public static let eventType = "ObjectiveDeclared"
    public static let eventVersion = 1

    /// The objective's id, unique within the partnership.
    public var objectiveId: String
    /// The party whose objective it is.
    public var party: String
    /// The objective in the party's words.
    public var statement: String
    /// What kind of value the party seeks.
    public var kind: ObjectiveKind
    /// Whether the party expects it soon or over the long run.
    public var horizon: Horizon

    /// Creates the payload.
    public init(objectiveId: String, party: String, statement: String, kind: ObjectiveKind, horizon: Horizon) {
        self.objectiveId = objectiveId
        self.party = party
        self.statement = statement
        self.kind = kind
        self.horizon = horizon
    }
}

/// The parties agree why they work together, on which joint objectives, and how they will meet.
public struct CharterAgreed: EventPayload {
    public static let eventType = "CharterAgreed"
    public static let eventVersion = 1

    /// The charter's id, unique within the partnership; a revised charter gets a new id.
    public var charterId: String
    /// Why the parties are doing this together, in their words.
    public var why: String
    /// Ids of declared objectives the charter makes joint.
    public var jointObjectiveIds: [String]
    /// The parties that signed, each once, at least one.
    public var signedBy: [String]
    /// The agreed number of days between regular calls, above 0.
    public var callCadenceDays: Int?
    /// The agreed number of days between quarterly business reviews, above 0.
    public var qbrCadenceDays: Int?
    /// The categories of information the parties expect to share with each other.
    public var infoCategories: [InformationCategory]?
    /// How the parties will know the partnership works.
    public var successMeasures: [String]?

    /// Creates the payload.
    public init(
        charterId: String, why: String, jointObjectiveIds: [String], signedBy: [String],
        callCadenceDays: Int? = nil, qbrCadenceDays: Int? = nil,
        infoCategories: [InformationCategory]? = nil, successMeasures: [String]? = nil
    ) {
        self.charterId = charterId
        self.why = why
        self.jointObjectiveIds = jointObjectiveIds
        self.signedBy = signedBy
        self.callCadenceDays = callCadenceDays
        self.qbrCadenceDays = qbrCadenceDays
        self.infoCategories = infoCategories
        self.successMeasures = successMeasures
    }
}

/// A party rates itself on one failure mode: 1 means "this is our weak spot", 5 "a strength".
public struct WeakSpotAssessed: EventPayload {
    public static let eventType = "WeakSpotAssessed"
    public static let eventVersion = 1

    /// The party assessing itself.
    public var party: String
    /// The failure mode rated.
    public var area: WeakSpotArea
    /// 1 (our weak spot) to 5 (a strength).
    public var rating: Int
    /// What the party does about it.
    public var mitigation: String?

    /// Creates the payload.
    public init(party: String, area: WeakSpotArea, rating: Int, mitigation: String? = nil) {
        self.party = party
        self.area = area
        self.rating = rating
        self.mitigation = mitigation
    }
}

/// A party answers a health survey on one dimension, 1 (poor) to 5 (healthy).
public struct HealthSurveyed: EventPayload {
    public static let eventType = "HealthSurveyed"
    public static let eventVersion = 1

    /// The party that answered.
    public var respondentParty: String
    /// The dimension scored.
    public var dimension: SurveyDimension
    /// 1 (poor) to 5 (healthy).
    public var score: Int
    /// The respondent's comment.
    public var comment: String?

    /// Creates the payload.
    public init(respondentParty: String, dimension: SurveyDimension, score: Int, comment: String? = nil) {
        self.respondentParty = respondentParty
        self.dimension = dimension
        self.score = score
        self.comment = comment
    }
}

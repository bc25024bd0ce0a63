/// A closed set of kebab-case words, such as meeting kinds, that events use as values.
///
/// Conforming enums decode strictly: an unknown word fails with an
/// `invalid-value` ``DomainError`` (as the decoding error's underlying error)
/// that lists every allowed word.
public protocol ClosedVocabulary: RawRepresentable, CaseIterable, Codable, Sendable, Hashable
where RawValue == String {
    /// What one word of the vocabulary is called in messages, such as "meeting kind".
    static var vocabularyName: String { get }
    /// Other words accepted for a value on input (a shorter name DOMAIN.md uses), in the
    /// order messages and schemas list them; stored payloads keep the word that was written,
    /// and read back as the same value.
    static var aliases: [(word: String, value: Self)] { get }
}

extension ClosedVocabulary {
    /// No other words: only the raw values are accepted.
    public static var aliases: [(word: String, value: Self)] { [] }

    /// The allowed words: the raw values in declaration order, as JSON writes them, then the aliases.
    public static var allowedWords: [String] { allCases.map(\.rawValue) + aliases.map(\.word) }

    /// The value a word names: its raw value or one of its ``aliases``.
    public static func named(_ word: String) -> Self? {
        Self(rawValue: word) ?? aliases.first { $0.word == word }?.value
    }

    /// Parses a word; throws `invalid-value` listing the allowed words otherwise.
    public init(word: String) throws(DomainError) {
        guard let value = Self.named(word) else {
            throw DomainError(
                code: .invalidValue, field: "", value: JSONText.quoted(word),
                message: "\(JSONText.quoted(word)) is not a \(Self.vocabularyName). Use one of: \(Self.allowedWords.joined(separator: ", ")).")
        }
        self = value
    }

    /// Decodes a JSON string that must be one of the allowed words.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let word = try container.decode(String.self)
        do throws(DomainError) {
            self = try Self(word: word)
        } catch {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: container.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }
}

/// What a relationship is called: declared in `PartnershipOpened`, changed by `RelationshipReclassified`.
///
/// Only `partnership` is a true partnership (results- and collaboration-driven,
/// with joint commitments of resourcing); the others name what a relationship
/// is when it is not one.
public enum RelationshipType: String, ClosedVocabulary {
    /// A true partnership: joint commitments of resourcing, a focus on outcomes.
    case partnership
    /// One party buys from the other.
    case supplierCustomer = "supplier-customer"
    /// A commercial or strategic agreement, mostly about passing deals.
    case commercialAgreement = "commercial-agreement"
    /// A marketing strategy, with leads flowing mostly one way.
    case marketing
    /// Technology sharing: integration and technical information, few deals.
    case technologySharing = "technology-sharing"

    public static let vocabularyName = "relationship type"
}

/// What a party wants from an objective.
public enum ObjectiveKind: String, ClosedVocabulary {
    /// Revenue, leads, executive or customer access, learning, innovation, a new market, or something else.
    case revenue, leads, access, learning, innovation, market, other

    public static let vocabularyName = "objective kind"
}

/// When a party expects an objective to pay off.
public enum Horizon: String, ClosedVocabulary {
    /// A short or a long horizon.
    case short, long

    public static let vocabularyName = "horizon"
}

/// Where a party stands on one of the six ways partnerships fail, or another area it names.
public enum WeakSpotArea: String, ClosedVocabulary {
    /// Seeking short-term gain with no substantial commitment.
    case shortTermGain = "short-term-gain"
    /// A significant upfront investment by one party souring the relationship.
    case upfrontInvestment = "upfront-investment"
    /// Lack of appetite for collaboration.
    case collaborationAppetite = "collaboration-appetite"
    /// Poorly aligned objectives.
    case objectiveAlignment = "objective-alignment"
    /// Little or no transparency.
    case transparency
    /// Poor operational engagement in calls and QBRs.
    case operationalEngagement = "operational-engagement"
    /// An area outside the six failure modes.
    case other

    /// DOMAIN.md's short names of the two failure modes whose words here are longer.
    public static var aliases: [(word: String, value: WeakSpotArea)] {
        [("collaboration", .collaborationAppetite), ("alignment", .objectiveAlignment)]
    }

    public static let vocabularyName = "weak-spot area"
}

/// The dimension a health survey answer scores.
public enum SurveyDimension: String, ClosedVocabulary {
    /// Strategy, day-to-day operations, the relationship itself, or governance.
    case strategic, operational, relationship, governance

    public static let vocabularyName = "survey dimension"
}

/// The kind of a meeting: a regular call, a quarterly business review, an executive meeting or a workshop.
public enum MeetingKind: String, ClosedVocabulary {
    /// A regular call, a QBR, an executive meeting or a workshop.
    case call, qbr, exec, workshop

    public static let vocabularyName = "meeting kind"
}

/// How senior a meeting attendee is, from `exec` down to `individual`.
public enum Seniority: String, ClosedVocabulary {
    /// Executive, director, manager or individual contributor, most senior first.
    case exec, director, manager, individual

    public static let vocabularyName = "seniority"
}

/// How one party passes business to another.
public enum OpportunityKind: String, ClosedVocabulary {
    /// A customer referred to the other party.
    case referral
    /// A deal the parties sell together.
    case coSell = "co-sell"
    /// An introduction to a contact.
    case intro
    /// A sales lead handed over.
    case lead

    public static let vocabularyName = "opportunity kind"
}

/// What a party commits to give.
public enum CommitmentKind: String, ClosedVocabulary {
    /// A deliverable, a resource, people's time, funding, integration work, an introduction, or data.
    case deliverable, resource, people, funding, integration, intro, data

    public static let vocabularyName = "commitment kind"
}

/// The form an investment takes; `mdf` is market development funds.
public enum InvestmentKind: String, ClosedVocabulary {
    /// Cash, hours of work, market development funds, integration work, a fee paid, or a purchase.
    case cash, hours, mdf, integration, fee, purchase

    public static let vocabularyName = "investment kind"
}

/// A category of information one party shares with or requests from another.
public enum InformationCategory: String, ClosedVocabulary {
    /// The sales pipeline.
    case pipeline
    /// Sales or demand forecasts.
    case forecast
    /// The product roadmap.
    case roadmap
    /// Which customers the parties share.
    case customerOverlap = "customer-overlap"
    /// Changes in the organisation: people, teams, owners.
    case orgChange = "org-change"
    /// Business strategy.
    case strategy
    /// Technical detail: APIs, architecture, integration.
    case technical

    public static let vocabularyName = "information category"
}

/// How much of a category was shared: only counts, a summary, or the full detail.
public enum DisclosureDepth: String, ClosedVocabulary {
    /// Only numbers, such as the count of deals in the pipeline.
    case countsOnly = "counts-only"
    /// A summary without the details.
    case summary
    /// The full detail.
    case full

    public static let vocabularyName = "depth"
}

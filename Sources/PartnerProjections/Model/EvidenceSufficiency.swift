import Foundation

/// A kind of evidence a rule counts before it may speak, each over a stated window.
///
/// The raw value is the key a scoring model file uses, such as
/// `"sufficiency": {"flags": {"cadence-below-agreed": {"daysOpen": 60}}}`.
public enum EvidenceMeasure: String, Codable, Sendable, CaseIterable {
    /// Whole days since the partnership opened, as of the evaluation.
    case daysOpen
    /// Calls the agreed cadence expects in the health window since the opening.
    case callsDue
    /// Meetings in the health window whose attendance by the party is known.
    case meetingsTracked
    /// Meetings held in the health window whose organiser was recorded.
    case meetingsWithOrganizer
    /// QBRs held, ever.
    case qbrsHeld
    /// Information requests to the party made in the transparency window.
    case requestsReceived
    /// Opportunities shared with the party in the collaboration window.
    case opportunitiesReceived
    /// Opportunity events (shared, accepted, declined, won, lost) in the health window.
    case opportunityEvents
    /// Commitments settled (kept, missed, or overdue) in the health window.
    case commitmentsSettled
    /// The party's action items due in the health window.
    case actionItemsDue
    /// Events behind the party's transparency in the transparency window: what it shared, requests it received that count, its disclosures, surprises about it.
    case transparencyEvents
    /// Things given either way in the reciprocity window: opportunities, fulfilled commitments, investments, meetings organised, information shared.
    case exchanges
    /// Objectives standing: the party's for a party's rule, every party's otherwise.
    case objectivesDeclared
    /// Parties whose strategic survey answer stands.
    case strategicSurveyAnswers
    /// Surprises about the party in the surprise window.
    case surprises
    /// Investments the party recorded.
    case investments
    /// The party's complete months with an engagement score, among the trend's months.
    case monthsScored

    /// Whether the measure counts for one party (a party's rule counts that party's), rather than for the partnership.
    public var isPerParty: Bool {
        switch self {
        case .daysOpen, .qbrsHeld, .opportunityEvents, .commitmentsSettled, .strategicSurveyAnswers, .meetingsWithOrganizer: false
        default: true
        }
    }

    /// The measure in words, for "needs 60 days open, has 50".
    public var noun: String {
        switch self {
        case .daysOpen: "days open"
        case .callsDue: "calls due"
        case .meetingsTracked: "meetings tracked"
        case .meetingsWithOrganizer: "meetings with a recorded organiser"
        case .qbrsHeld: "QBRs held"
        case .requestsReceived: "information requests received"
        case .opportunitiesReceived: "opportunities received"
        case .opportunityEvents: "opportunity events"
        case .commitmentsSettled: "commitments settled"
        case .actionItemsDue: "action items due"
        case .transparencyEvents: "transparency events"
        case .exchanges: "exchanges"
        case .objectivesDeclared: "objectives declared"
        case .strategicSurveyAnswers: "strategic survey answers"
        case .surprises: "surprises"
        case .investments: "investments"
        case .monthsScored: "months scored"
        }
    }
}

/// The least evidence a rule needs: a minimum per measure, every one of which must be met, or
/// else every minimum of an alternative.
///
/// Encoded as a JSON object from measure to minimum, in the order of
/// ``EvidenceMeasure``, with the alternative under `or`:
/// `{"transparencyEvents": 2, "or": {"daysOpen": 180}}`. An empty need is
/// always met. A minimum of 0 drops the measure.
public struct EvidenceNeed: Codable, Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public typealias Key = EvidenceMeasure
    public typealias Value = Double

    /// The minimum of each measure, in the order of ``EvidenceMeasure``.
    public private(set) var minimums: [(measure: EvidenceMeasure, minimum: Double)]

    /// The minimums of the alternative, met instead of ``minimums``; empty when there is none.
    public private(set) var alternative: [(measure: EvidenceMeasure, minimum: Double)]

    /// A need from measures and minimums, with an alternative; a measure given twice keeps its last minimum.
    public init(_ minimums: [(EvidenceMeasure, Double)], or alternative: [(EvidenceMeasure, Double)] = []) {
        self.minimums = Self.ordered(minimums)
        self.alternative = Self.ordered(alternative)
    }

    private static func ordered(_ minimums: [(EvidenceMeasure, Double)]) -> [(measure: EvidenceMeasure, minimum: Double)] {
        var byMeasure: [EvidenceMeasure: Double] = [:]
        for (measure, minimum) in minimums { byMeasure[measure] = minimum }
        return EvidenceMeasure.allCases.compactMap { measure in byMeasure[measure].map { (measure, $0) } }
    }

    /// The same need, met also by every minimum of `alternative`.
    public func or(_ alternative: EvidenceNeed) -> EvidenceNeed {
        EvidenceNeed(minimums.map { ($0.measure, $0.minimum) }, or: alternative.minimums.map { ($0.measure, $0.minimum) })
    }

    /// A need written as a literal: `[.daysOpen: 60, .callsDue: 3]`.
    public init(dictionaryLiteral elements: (EvidenceMeasure, Double)...) {
        self.init(elements)
    }

    /// The minimum of a measure, nil when the need does not count it.
    public func minimum(of measure: EvidenceMeasure) -> Double? {
        minimums.first { $0.measure == measure }?.minimum
    }

    /// Each minimum set against what the evidence has, as counted by `count`.
    public func check(party: String? = nil, _ count: (EvidenceMeasure) -> Double) -> [EvidenceCount] {
        let main = minimums.filter { $0.minimum > 0 }.map {
            EvidenceCount(measure: $0.measure, party: $0.measure.isPerParty ? party : nil, needed: $0.minimum, has: count($0.measure))
        }
        let other = alternative.filter { $0.minimum > 0 }.map {
            EvidenceCount(
                measure: $0.measure, party: $0.measure.isPerParty ? party : nil, needed: $0.minimum, has: count($0.measure),
                isAlternative: true)
        }
        return main + other
    }

    public static func == (lhs: EvidenceNeed, rhs: EvidenceNeed) -> Bool {
        func same(_ a: [(measure: EvidenceMeasure, minimum: Double)], _ b: [(measure: EvidenceMeasure, minimum: Double)]) -> Bool {
            a.elementsEqual(b) { $0.measure == $1.measure && $0.minimum == $1.minimum }
        }
        return same(lhs.minimums, rhs.minimums) && same(lhs.alternative, rhs.alternative)
    }

    private struct MeasureKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: MeasureKey.self)
        var minimums: [(EvidenceMeasure, Double)] = []
        var alternative: [(EvidenceMeasure, Double)] = []
        for key in container.allKeys {
            if key.stringValue == "or" {
                let other = try container.decode(EvidenceNeed.self, forKey: key)
                guard other.alternative.isEmpty else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: container, debugDescription: "an alternative cannot have its own \"or\": give one alternative.")
                }
                alternative = other.minimums.map { ($0.measure, $0.minimum) }
                continue
            }
            guard let measure = EvidenceMeasure(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "\"\(key.stringValue)\" is not a measure of evidence. Use one of: \(EvidenceMeasure.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            minimums.append((measure, try container.decode(Double.self, forKey: key)))
        }
        self.init(minimums, or: alternative)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MeasureKey.self)
        for (measure, minimum) in minimums {
            try container.encode(minimum, forKey: MeasureKey(stringValue: measure.rawValue))
        }
        if !alternative.isEmpty {
            try container.encode(EvidenceNeed(alternative.map { ($0.measure, $0.minimum) }), forKey: MeasureKey(stringValue: "or"))
        }
    }
}

/// One measure of evidence against the minimum a rule needs.
public struct EvidenceCount: Codable, Sendable, Equatable {
    /// What is counted.
    public var measure: EvidenceMeasure
    /// The party counted for, when the rule is about one party.
    public var party: String?
    /// The minimum the rule needs.
    public var needed: Double
    /// What the evidence has.
    public var has: Double

    /// Whether the measure belongs to the need's alternative rather than its main minimums.
    public var isAlternative: Bool

    /// Creates a count.
    public init(measure: EvidenceMeasure, party: String? = nil, needed: Double, has: Double, isAlternative: Bool = false) {
        self.measure = measure
        self.party = party
        self.needed = needed
        self.has = has
        self.isAlternative = isAlternative
    }

    /// Whether the evidence reaches the minimum.
    public var isMet: Bool { has >= needed }

    /// "needs 60 days open, has 50", or "needs 2 transparency events of lumen, has 0".
    public var sentence: String {
        "needs \(Self.number(needed)) \(measure.noun)\(party.map { " of \($0)" } ?? ""), has \(Self.number(has))"
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}

extension [EvidenceCount] {
    /// Whether every main count reaches its minimum, or else every count of the alternative does.
    public var areMet: Bool {
        let alternative = filter(\.isAlternative)
        return filter { !$0.isAlternative }.allSatisfy(\.isMet) || (!alternative.isEmpty && alternative.allSatisfy(\.isMet))
    }

    /// "not enough evidence yet: needs 2 transparency events of acme, has 0 (or: needs 180 days open, has 50)"
    /// over the counts that fall short; nil when the need is met.
    public var shortfallSentence: String? {
        guard !areMet else { return nil }
        // Per-party counts of a partnership-wide measure say the same thing once.
        func unique(_ sentences: [String]) -> [String] {
            var seen: Set<String> = []
            return sentences.filter { seen.insert($0).inserted }
        }
        let main = unique(filter { !$0.isAlternative && !$0.isMet }.map(\.sentence))
        let alternative = unique(filter { $0.isAlternative && !$0.isMet }.map(\.sentence))
        return "not enough evidence yet: " + main.joined(separator: "; ")
            + (alternative.isEmpty ? "" : " (or: " + alternative.joined(separator: "; ") + ")")
    }
}

extension ScoringModel {
    /// The least evidence each health component and each flag rule needs before it speaks.
    ///
    /// Below its need a component has no score (its weight is spread over the
    /// others, and with too little weight left the band is insufficient
    /// evidence) and a flag rule raises nothing; both say "not enough evidence
    /// yet: needs N, has M".
    public struct Sufficiency: Codable, Sendable, Equatable {
        /// The need of each health component.
        public var components = Components()
        /// The need of each flag rule, by the rule's identifier, such as `cadence-below-agreed`.
        public var flags: [String: EvidenceNeed] = Self.defaultFlagNeeds

        /// The need of each health component.
        public struct Components: Codable, Sendable, Equatable {
            /// Commitment reliability: a few commitments settled, so one outcome is not the whole score.
            public var commitmentReliability: EvidenceNeed = [.commitmentsSettled: 2]
            /// Operational engagement: past onboarding, and enough calls due for a cadence to mean something.
            public var operationalEngagement: EvidenceNeed = [.daysOpen: 60, .callsDue: 3]
            /// Transparency, per party: a party below it is left out; with no party left, no score.
            /// A party silent for the whole transparency window has shown how transparent it is.
            public var transparency = EvidenceNeed([(.transparencyEvents, 2)], or: [(.daysOpen, 180)])
            /// Reciprocity: enough given either way for a balance to mean something.
            public var reciprocity: EvidenceNeed = [.exchanges: 4]
            /// Joint value: more than one opportunity event.
            public var jointValue: EvidenceNeed = [.opportunityEvents: 2]
            /// Alignment: a quarter open, the time a charter takes to agree.
            public var alignment: EvidenceNeed = [.daysOpen: 90]

            /// The need of a component.
            public func need(of component: HealthComponentKind) -> EvidenceNeed {
                switch component {
                case .commitmentReliability: commitmentReliability
                case .operationalEngagement: operationalEngagement
                case .transparency: transparency
                case .reciprocity: reciprocity
                case .jointValue: jointValue
                case .alignment: alignment
                }
            }
        }

        /// The need of a flag rule; an unknown rule needs nothing.
        public func need(ofRule rule: String) -> EvidenceNeed {
            flags[rule] ?? EvidenceNeed([])
        }

        /// Every flag rule, by detector, in the order the detectors run.
        public static let flagRules: [(kind: RedFlagKind, rules: [String])] = [
            (.shortTermGain, ["took-without-commitment", "only-short-term-objectives"]),
            (.upfrontInvestment, [
                "upfront-investment-dominates", "engagement-shifted-after-investment",
                "engagement-falling-after-investment", "return-below-expectation",
            ]),
            (.noCollaborationAppetite, ["few-opportunities-accepted", "rarely-organises-meetings", "declined-information-requests"]),
            (.misalignedObjectives, [
                "no-charter", "charter-not-signed-by-all", "low-objective-coverage", "horizons-diverge", "strategic-survey-gap",
            ]),
            (.littleTransparency, ["low-transparency", "surprise", "requests-unanswered", "transparency-asymmetry"]),
            (.poorOperationalEngagement, [
                "cadence-below-agreed", "misses-meetings", "no-exec-at-qbrs", "action-items-late", "engagement-falling",
            ]),
        ]

        /// The defaults: each rule's need, stated once.
        public static let defaultFlagNeeds: [String: EvidenceNeed] = [
            // 1. A party is given 60 days to give back before it is said to take without committing.
            "took-without-commitment": [.daysOpen: 60],
            "only-short-term-objectives": [.objectivesDeclared: 2],
            // 2. The shares need an investment; the engagement rules need the months their statistics read.
            "upfront-investment-dominates": [.investments: 1],
            "engagement-shifted-after-investment": [.monthsScored: 4],
            "engagement-falling-after-investment": [.monthsScored: 4],
            "return-below-expectation": [.investments: 1],
            // 3.
            "few-opportunities-accepted": [.opportunitiesReceived: 5],
            "rarely-organises-meetings": [.meetingsWithOrganizer: 3],
            "declined-information-requests": [.requestsReceived: 2],
            // 4. A quarter to agree and sign a charter.
            "no-charter": [.daysOpen: 90],
            "charter-not-signed-by-all": [.daysOpen: 90],
            "low-objective-coverage": [.objectivesDeclared: 2, .daysOpen: 90],
            "horizons-diverge": [.objectivesDeclared: 2],
            "strategic-survey-gap": [.strategicSurveyAnswers: 2],
            // 5.
            "low-transparency": EvidenceNeed([(.transparencyEvents, 2)], or: [(.daysOpen, 180)]),
            // A surprise is its own evidence.
            "surprise": EvidenceNeed([]),
            "requests-unanswered": [.requestsReceived: 2],
            "transparency-asymmetry": EvidenceNeed([(.transparencyEvents, 2)], or: [(.daysOpen, 180)]),
            // 6. Past onboarding, and enough of each thing counted.
            "cadence-below-agreed": [.daysOpen: 60, .callsDue: 3],
            "misses-meetings": [.meetingsTracked: 4],
            "no-exec-at-qbrs": [.qbrsHeld: 2],
            "action-items-late": [.actionItemsDue: 2],
            "engagement-falling": [.monthsScored: 4],
        ]

        /// Checks that every flag rule has a need and no unknown rule is named.
        func validate() throws(ScoringModelError) {
            let known = Set(Self.flagRules.flatMap(\.rules))
            if let unknown = flags.keys.sorted().first(where: { !known.contains($0) }) {
                throw ScoringModelError(
                    code: .unknownField, field: "sufficiency.flags.\(unknown)",
                    message: "is not a flag rule. Use one of: \(known.sorted().joined(separator: ", ")).")
            }
            if let missing = Self.flagRules.flatMap(\.rules).first(where: { flags[$0] == nil }) {
                throw ScoringModelError(
                    code: .invalidValue, field: "sufficiency.flags.\(missing)",
                    message: "is missing. Every flag rule states the evidence it needs; give {} to need nothing.")
            }
        }
    }
}

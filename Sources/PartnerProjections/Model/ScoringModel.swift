import Foundation
import PartnerDomain

/// Every weight, window and threshold the projections use, with the defaults of DOMAIN.md, under one version.
///
/// A report always names the ``version`` in force. Change numbers by loading
/// a JSON file of overrides with ``load(contentsOf:)`` or
/// ``init(overrides:)``: fields left out keep their defaults, unknown fields
/// are rejected by name, and a file that changes any number must also give a
/// new `version`. In code, copy ``default`` and change fields, then call
/// ``validate()``.
///
/// ```json
/// { "version": "2026.1-acme", "health": { "weights": { "alignment": 20 } } }
/// ```
public struct ScoringModel: Codable, Sendable, Equatable {
    /// The name of this set of numbers, shown with every score, such as `2026.3-default`.
    public var version: String
    /// The half-life of evidence in days: `w(e) = 0.5^(ageDays / decayHalfLifeDays)`.
    public var decayHalfLifeDays: Double
    /// How far back each view looks.
    public var windows: Windows
    /// The health score: component weights, bands, evidence floor and trend arrow.
    public var health: Health
    /// Commitment reliability credits and smoothing.
    public var commitments: Commitments
    /// Operational engagement: part weights, default cadence, seniority values.
    public var engagement: Engagement
    /// Transparency: part weights, depth points, expected categories.
    public var transparency: Transparency
    /// Reciprocity: flow weights, tolerance, hourly rate.
    public var reciprocity: Reciprocity
    /// Joint value: part weights and the expected number of opportunities.
    public var jointValue: JointValue
    /// Alignment: part weights and charter levels.
    public var alignment: Alignment
    /// The engagement trend's slope threshold and interval.
    public var trend: Trend
    /// The CUSUM shift detector.
    public var cusum: Cusum
    /// The red-flag thresholds.
    public var flags: Flags
    /// The relationship classifier's thresholds.
    public var classifier: Classifier
    /// The least evidence each health component and flag rule needs before it speaks.
    public var sufficiency: Sufficiency

    /// The defaults of DOMAIN.md, version `2026.3-default` (2026.2: a classifier rule holds only
    /// when all its predicates do, and confidence is the strength of the evidence; 2026.3: every
    /// health component and flag rule states the evidence it needs, in ``sufficiency``, which takes
    /// over the minimums the flags kept before; hours are no longer money at 100 an hour:
    /// ``Reciprocity/hourlyRate`` has no default).
    public static let `default` = ScoringModel(
        version: "2026.3-default",
        decayHalfLifeDays: 90,
        windows: Windows(),
        health: Health(),
        commitments: Commitments(),
        engagement: Engagement(),
        transparency: Transparency(),
        reciprocity: Reciprocity(),
        jointValue: JointValue(),
        alignment: Alignment(),
        trend: Trend(),
        cusum: Cusum(),
        flags: Flags(),
        classifier: Classifier(),
        sufficiency: Sufficiency())

    /// Windows and periods, in whole days or months; every one must be above 0.
    public struct Windows: Codable, Sendable, Equatable {
        /// The health window: components look this many days back.
        public var healthDays = 90
        /// The transparency window.
        public var transparencyDays = 180
        /// The reciprocity window.
        public var reciprocityDays = 365
        /// The classifier's window: "evaluate over 12 months".
        public var classifierDays = 365
        /// The trend arrow compares the health score with this many days earlier.
        public var healthTrendLookbackDays = 30
        /// The short-term-gain flag looks at the partnership's first days.
        public var shortTermGainDays = 180
        /// An executive-access request this soon after opening feeds the short-term-gain flag.
        public var execAccessDays = 60
        /// The upfront-investment flag turns critical when engagement falls within this many days of the investment.
        public var upfrontFollowUpDays = 120
        /// A request answered within this many days counts as answered for transparency's `respond`.
        public var requestAnswerDays = 10
        /// A request still unanswered after this many days counts against the transparency flag.
        public var requestOverdueDays = 14
        /// A surprise within this many days raises the transparency flag.
        public var surpriseDays = 90
        /// A charter reviewed at a QBR within this many days reaches the top charter level.
        public var charterReviewDays = 180
        /// The collaboration flag counts opportunities received within this many days.
        public var appetiteOpportunityDays = 365
        /// The collaboration flag counts declined information requests within this many days.
        public var appetiteRequestDays = 180
        /// The engagement trend fits the last this-many complete months.
        public var trendMonths = 6
        /// The quarterly engagement trend fits the last this-many complete quarters.
        public var trendQuarters = 4
        /// CUSUM takes its baseline from the first this-many scored months.
        public var cusumBaselineMonths = 6
    }

    /// The health score's weights, bands and evidence floor.
    public struct Health: Codable, Sendable, Equatable {
        /// `W_k` of each component.
        public var weights = Weights()
        /// Below this share of the total weight with data, the verdict is insufficient evidence.
        public var minimumEvidenceShare = 0.6
        /// Scores at or above this are green.
        public var greenFrom = 75.0
        /// Scores at or above this (and below green) are yellow; below it, red.
        public var yellowFrom = 50.0
        /// The arrow points up or down when the score moved at least this many points.
        public var arrowPoints = 3.0

        /// The weight `W_k` of each health component.
        public struct Weights: Codable, Sendable, Equatable {
            /// Commitment reliability.
            public var commitmentReliability = 25.0
            /// Operational engagement.
            public var operationalEngagement = 20.0
            /// Transparency.
            public var transparency = 15.0
            /// Reciprocity.
            public var reciprocity = 15.0
            /// Joint value.
            public var jointValue = 15.0
            /// Alignment.
            public var alignment = 10.0
        }
    }

    /// Credits of commitment outcomes and the prior that smooths small samples.
    public struct Commitments: Codable, Sendable, Equatable {
        /// Fulfilled by the due date.
        public var onTimeCredit = 1.0
        /// Renegotiated early enough, then fulfilled by the new date.
        public var renegotiatedCredit = 0.9
        /// A renegotiation counts only when made at least this many days before the date it moves.
        public var renegotiationNoticeDays = 7
        /// Fulfilled late, within the tolerance.
        public var lateCredit = 0.6
        /// Fulfilled at most this many days late earns the late credit; later earns the missed credit.
        public var lateToleranceDays = 14
        /// Missed, overdue and open, or fulfilled beyond the tolerance.
        public var missedCredit = 0.0
        /// Credit added to the numerator: `(sum w*credit + priorCredit) / (sum w + priorWeight)`.
        public var priorCredit = 1.4
        /// Weight added to the denominator.
        public var priorWeight = 2.0
    }

    /// Operational engagement's parts, cadence and seniority values.
    public struct Engagement: Codable, Sendable, Equatable {
        /// Weight of cadence (calls kept against the agreed rhythm).
        public var cadenceWeight = 0.35
        /// Weight of attendance.
        public var attendanceWeight = 0.25
        /// Weight of QBR seniority.
        public var seniorityWeight = 0.2
        /// Weight of action items closed by their due date.
        public var actionsWeight = 0.2
        /// Days between calls when neither the charter nor the opening set a cadence.
        public var defaultCallCadenceDays = 14
        /// A cancellation with less notice than this counts as a miss by the cancelling party.
        public var lateCancellationHours = 24
        /// The value of a party's most senior QBR attendee.
        public var seniority = SeniorityValues()

        /// The value of each seniority at a QBR.
        public struct SeniorityValues: Codable, Sendable, Equatable {
            /// An executive.
            public var exec = 1.0
            /// A director.
            public var director = 0.75
            /// A manager.
            public var manager = 0.5
            /// An individual contributor.
            public var individual = 0.25
        }
    }

    /// Transparency's parts, depth points and expected categories.
    public struct Transparency: Codable, Sendable, Equatable {
        /// Weight of breadth.
        public var breadthWeight = 0.4
        /// Weight of responsiveness to requests.
        public var respondWeight = 0.3
        /// Weight of candour.
        public var candourWeight = 0.3
        /// The points of each depth of sharing.
        public var depthPoints = DepthPoints()
        /// The categories expected when the charter names none.
        public var expectedCategories: [InformationCategory] = [.pipeline, .forecast, .roadmap, .customerOverlap, .orgChange]

        /// The points of each depth.
        public struct DepthPoints: Codable, Sendable, Equatable {
            /// Counts only.
            public var countsOnly = 0.33
            /// A summary.
            public var summary = 0.66
            /// In full.
            public var full = 1.0
        }
    }

    /// Reciprocity's flow weights and tolerance.
    public struct Reciprocity: Codable, Sendable, Equatable {
        /// The weight of each flow in `B`.
        public var flowWeights = FlowWeights()
        /// `|B|` up to this costs nothing: exact tit-for-tat is not required.
        public var tolerance = 0.2
        /// The value of one hour of an `hours` investment, in the currency of the money it is
        /// compared with; nil (the default): hours count as hours, never turned into money at a
        /// rate nobody gave. Without a rate, investments that mix hours and money are compared
        /// by count.
        public var hourlyRate: Double?
        /// A won opportunity counts its value this many times.
        public var wonMultiplier = 2.0

        private enum CodingKeys: String, CodingKey {
            case flowWeights, tolerance, hourlyRate, wonMultiplier
        }

        /// Encodes every field, the rate as `null` when there is none, so that a model file can set it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(flowWeights, forKey: .flowWeights)
            try container.encode(tolerance, forKey: .tolerance)
            try container.encode(hourlyRate, forKey: .hourlyRate)
            try container.encode(wonMultiplier, forKey: .wonMultiplier)
        }

        /// The weight of each flow.
        public struct FlowWeights: Codable, Sendable, Equatable {
            /// Opportunities given.
            public var opportunities = 0.30
            /// Commitments fulfilled.
            public var commitments = 0.25
            /// Investment.
            public var investment = 0.20
            /// Initiative: meetings organised.
            public var initiative = 0.15
            /// Information: breadth points shared.
            public var information = 0.10
        }
    }

    /// Joint value's parts.
    public struct JointValue: Codable, Sendable, Equatable {
        /// Weight of the volume of opportunities shared.
        public var volumeWeight = 0.4
        /// Weight of the acceptance rate.
        public var acceptanceWeight = 0.3
        /// Weight of the win rate.
        public var winWeight = 0.3
        /// Opportunities shared in the health window that earn the full volume part.
        public var expectedOpportunities = 4.0
    }

    /// Alignment's parts and charter levels.
    public struct Alignment: Codable, Sendable, Equatable {
        /// Points of the charter level part (the level 0..100 is scaled to this).
        public var charterWeight = 50.0
        /// Points of objective coverage.
        public var coverageWeight = 30.0
        /// Points of survey agreement.
        public var surveyWeight = 20.0
        /// The widest possible survey gap: scores run 1..5.
        public var surveySpan = 4.0
        /// The level of each charter state.
        public var charterLevels = CharterLevels()

        /// The level 0..100 of each charter state.
        public struct CharterLevels: Codable, Sendable, Equatable {
            /// Signed by some parties, not all.
            public var notSignedByAll = 25.0
            /// Signed by every party.
            public var signedByAll = 50.0
            /// Signed by every party, with success measures.
            public var withSuccessMeasures = 75.0
            /// All of that, and the scorecard reviewed at a QBR within the review window.
            public var reviewedAtQBR = 100.0
        }
    }

    /// The engagement trend.
    public struct Trend: Codable, Sendable, Equatable {
        /// Rising or falling needs a slope of at least this many points a month.
        public var slopePointsPerMonth = 2.0
        /// The confidence of the slope's interval, such as 0.9.
        public var confidenceLevel = 0.9
    }

    /// The tabular CUSUM shift detector on the monthly engagement series.
    public struct Cusum: Codable, Sendable, Equatable {
        /// The allowance `k`, in standard deviations of the baseline.
        public var k = 0.5
        /// The decision threshold `h`, in standard deviations of the baseline.
        public var h = 4.0
        /// The baseline's standard deviation is taken as at least this many points, so a flat baseline does not alarm on noise.
        public var minimumStandardDeviation = 5.0
    }

    /// The red-flag thresholds, one group per detector.
    public struct Flags: Codable, Sendable, Equatable {
        /// Short-term gain: opportunities received in the first days.
        public var shortTermOpportunities = 3
        /// Short-term gain: what the party fulfilled must reach this share of what it received.
        public var shortTermGivenShare = 0.25
        /// Upfront investment: one party's share of all investment.
        public var upfrontShare = 0.75
        /// Upfront investment: critical when the return stays under this multiple of the investment.
        public var upfrontReturnMultiple = 0.2
        /// No appetite: acceptance rate below this.
        public var appetiteAcceptShare = 0.3
        /// No appetite: share of meetings organised below this.
        public var appetiteOrganiseShare = 0.2
        /// No appetite: this many declined information requests.
        public var appetiteDeclinedRequests = 2
        /// Misaligned objectives: objective coverage below this.
        public var objectiveCoverage = 0.5
        /// Misaligned objectives: a strategic survey gap of at least this.
        public var strategicSurveyGap = 1.5
        /// Little transparency: a party's transparency below this.
        public var transparencyScore = 50.0
        /// Little transparency: this many requests unanswered after the overdue window.
        public var unansweredRequests = 2
        /// Little transparency: an asymmetry of at least this.
        public var transparencyAsymmetry = 30.0
        /// Poor engagement: cadence below this share.
        public var cadenceShare = 0.6
        /// Poor engagement: a no-show and late-cancellation rate above this.
        public var missRate = 0.25
        /// Poor engagement: action items closed on time below this share.
        public var actionsOnTimeShare = 0.5
        /// Blind spot: a self-rating at or above this in the flagged area.
        public var blindSpotRating = 4
        /// A flag whose detector finds at least this many of its rules holding is critical.
        public var criticalRuleCount = 2
    }

    /// The relationship classifier's thresholds.
    public struct Classifier: Codable, Sendable, Equatable {
        /// With fewer events in the window, the verdict is emerging.
        public var minimumEvents = 20
        /// True partnership: charter level at least this.
        public var charterLevel = 50.0
        /// True partnership: reciprocity `R` at least this.
        public var reciprocity = 60.0
        /// True partnership: a flow is balanced when `|b_f|` is below this.
        public var balancedFlowLimit = 0.6
        /// True partnership: at least this many balanced flows.
        public var balancedFlows = 2
        /// True partnership: cadence at least this share.
        public var cadenceShare = 0.6
        /// Supplier/customer: share of investment value that is fees or purchases by one party.
        public var paymentShare = 0.8
        /// Supplier/customer: share of deliverable commitments owned by one party.
        public var deliverableShare = 0.8
        /// Commercial agreement: share of events that are opportunity events.
        public var opportunityEventShare = 0.6
        /// Marketing: share of objectives that are leads or market.
        public var marketingObjectiveShare = 0.5
        /// Marketing: opportunities flow one way when `|b_opportunities|` is above this.
        public var oneWayFlow = 0.6
        /// Technology sharing: share of commitments and shared information that is technical or integration work.
        public var technicalShare = 0.6
        /// "Few" or "scarce" means fewer than this many.
        public var fewCount = 3
    }
}

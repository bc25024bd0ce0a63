import Foundation
import PartnerProjections
import ProjectionStories
import Testing

@Suite("The formulas of DOMAIN.md, computed by hand")
struct FormulaTests {
    @Test(arguments: [
        (ageDays: 0.0, expected: 1.0),              // 0.5^(0/90) = 1
        (ageDays: 45.0, expected: 0.7071067811865476), // 0.5^(45/90) = 1/sqrt(2)
        (ageDays: 90.0, expected: 0.5),             // one half-life
        (ageDays: 180.0, expected: 0.25),           // two half-lives: 0.5 * 0.5
        (ageDays: -5.0, expected: 1.0),             // evidence dated in the future weighs 1
    ])
    func decayHalvesEveryNinetyDays(ageDays: Double, expected: Double) {
        #expect(close(ScoringMath.decayWeight(ageDays: ageDays, halfLifeDays: 90), expected, tolerance: 1e-12))
    }

    @Test(arguments: [
        (successes: 0.0, trials: 0.0, expected: 0.5),        // (0+1)/(0+2)
        (successes: 3.0, trials: 4.0, expected: 4.0 / 6.0),  // (3+1)/(4+2) = 0.6667
        (successes: 1.0, trials: 2.0, expected: 0.5),        // (1+1)/(2+2)
        (successes: 0.0, trials: 1.0, expected: 1.0 / 3.0),  // (0+1)/(1+2)
        (successes: 10.0, trials: 10.0, expected: 11.0 / 12.0), // (10+1)/(10+2) = 0.9167
    ])
    func smoothingStartsAtOneHalf(successes: Double, trials: Double, expected: Double) {
        #expect(close(ScoringMath.smoothedShare(successes, of: trials), expected, tolerance: 1e-12))
    }

    @Test(arguments: [
        (value: -0.5, expected: 0.0),
        (value: 0.25, expected: 0.25),
        (value: 1.5, expected: 1.0),
    ])
    func clampKeepsSharesInTheUnitInterval(value: Double, expected: Double) {
        #expect(ScoringMath.clamp(value) == expected)
    }

    @Test func commitmentScoreSmoothsTowardSeventy() {
        let cases: [(outcomes: [(weight: Double, credit: Double)], expected: Double)] = [
            ([], 70),                                        // 100 * (0 + 1.4) / (0 + 2) = 70
            ([(1, 1)], 80),                                  // 100 * (1 + 1.4) / (1 + 2) = 80
            ([(1, 0)], 46.666666666666664),                  // 100 * 1.4 / 3 = 46.67
            ([(1, 1), (0.5, 0)], 68.57142857142857),         // 100 * (1 + 0 + 1.4) / (1.5 + 2) = 240 / 3.5
            ([(0.5, 0.9), (0.5, 0.6)], 71.66666666666667),   // 100 * (0.45 + 0.3 + 1.4) / (1 + 2) = 215 / 3
        ]
        for (outcomes, expected) in cases {
            #expect(close(ScoringMath.commitmentScore(outcomes, priorCredit: 1.4, priorWeight: 2), expected))
        }
    }

    @Test func engagementCombinesItsPartsAndSpreadsAMissingPart() {
        // 100 * (0.35 * 1 + 0.25 * 0.5 + 0.2 * 0.75 + 0.2 * 2/3) = 100 * (0.35 + 0.125 + 0.15 + 0.133333) = 75.8333
        #expect(close(ScoringMath.weightedScore([(0.35, 1), (0.25, 0.5), (0.2, 0.75), (0.2, 2.0 / 3.0)]), 75.83333333333333))
        // without seniority: 100 * (0.35 + 0.125 + 0.133333) / (0.35 + 0.25 + 0.2) = 60.8333 / 0.8 = 76.0417
        #expect(close(ScoringMath.weightedScore([(0.35, 1), (0.25, 0.5), (0.2, nil), (0.2, 2.0 / 3.0)]), 76.04166666666667))
        #expect(ScoringMath.weightedScore([(0.35, nil), (0.25, nil)]) == nil)
    }

    @Test func transparencyWeighsBreadthRespondAndCandour() {
        // breadth 0.6, respond L(2, 3) = 3/5 = 0.6, candour (1 + 1) / (1 + 1 + 2) = 0.5
        let candour = ScoringMath.candour(proactiveDisclosures: 1, surprises: 1)
        #expect(candour == 0.5)
        // no disclosures, no surprises: (0 + 1) / (0 + 0 + 2) = 0.5; three surprises: 1 / 5 = 0.2
        #expect(ScoringMath.candour(proactiveDisclosures: 0, surprises: 0) == 0.5)
        #expect(close(ScoringMath.candour(proactiveDisclosures: 0, surprises: 3), 0.2))
        let score = ScoringMath.weightedScore([(0.4, 0.6), (0.3, ScoringMath.smoothedShare(2, of: 3)), (0.3, candour)])
        // 100 * (0.4 * 0.6 + 0.3 * 0.6 + 0.3 * 0.5) = 100 * (0.24 + 0.18 + 0.15) = 57
        #expect(close(score, 57))
    }

    @Test(arguments: [
        (given: 3.0, received: 1.0, expected: 0.5),     // (3 - 1) / (3 + 1)
        (given: 0.0, received: 2.0, expected: -1.0),    // (0 - 2) / 2
        (given: 400.0, received: 500.0, expected: -1.0 / 9.0), // -100 / 900
    ])
    func flowBalanceRunsFromMinusOneToOne(given: Double, received: Double, expected: Double) {
        #expect(close(ScoringMath.balance(given: given, received: received), expected))
    }

    @Test func flowWithoutAnythingGivenHasNoBalance() {
        #expect(ScoringMath.balance(given: 0, received: 0) == nil)
    }

    @Test(arguments: [
        (balance: 0.0, expected: 100.0),    // |B| within the tolerance
        (balance: 0.2, expected: 100.0),    // 100 * (1 - max(0, 0.2 - 0.2) / 0.8)
        (balance: 0.5, expected: 62.5),     // 100 * (1 - 0.3 / 0.8) = 100 * 0.625
        (balance: -0.6, expected: 50.0),    // 100 * (1 - 0.4 / 0.8)
        (balance: -1.0, expected: 0.0),     // 100 * (1 - 0.8 / 0.8)
    ])
    func reciprocityToleratesSmallImbalance(balance: Double, expected: Double) {
        #expect(close(ScoringMath.reciprocityScore(balance: balance, tolerance: 0.2), expected))
    }

    @Test(arguments: [
        // 100 * (0.4 c(2/4) + 0.3 L(1, 2) + 0.3 L(1, 2)) = 100 * (0.2 + 0.15 + 0.15) = 50
        (shared: 2.0, accepted: 1.0, won: 1.0, decided: 2.0, expected: 50.0),
        // 100 * (0.4 * 1 + 0.3 * 4/6 + 0.3 * 3/4) = 100 * (0.4 + 0.2 + 0.225) = 82.5
        (shared: 4.0, accepted: 3.0, won: 2.0, decided: 2.0, expected: 82.5),
        // c(8/4) = 1: 100 * (0.4 + 0.3 * 9/10 + 0.3 * 1/2) = 100 * (0.4 + 0.27 + 0.15) = 82
        (shared: 8.0, accepted: 8.0, won: 0.0, decided: 0.0, expected: 82.0),
        // nothing shared: 100 * (0 + 0.3 * 0.5 + 0.3 * 0.5) = 30
        (shared: 0.0, accepted: 0.0, won: 0.0, decided: 0.0, expected: 30.0),
    ])
    func jointValueRewardsVolumeAcceptanceAndWins(shared: Double, accepted: Double, won: Double, decided: Double, expected: Double) {
        let score = ScoringMath.jointValueScore(
            shared: shared, accepted: accepted, won: won, decided: decided, model: ScoringModel.default.jointValue)
        #expect(close(score, expected))
    }

    @Test(arguments: [
        // 0.5 * 50 + 30 * 0.5 + 20 * (1 - 1/4) = 25 + 15 + 15 = 55
        (level: 50.0, coverage: 0.5 as Double?, gap: 1.0 as Double?, expected: 55.0),
        // 0.5 * 100 + 30 * 2/3 + 20 * (1 - 1/4) = 50 + 20 + 15 = 85
        (level: 100.0, coverage: 2.0 / 3.0 as Double?, gap: 1.0 as Double?, expected: 85.0),
        // without objectives and surveys only the charter counts: 100 * (50 * 0.25) / 50 = 25
        (level: 25.0, coverage: nil, gap: nil, expected: 25.0),
        // without surveys: 100 * (50 * 0.75 + 30 * 1) / (50 + 30) = 6750 / 80 = 84.375
        (level: 75.0, coverage: 1.0 as Double?, gap: nil, expected: 84.375),
    ])
    func alignmentCombinesCharterCoverageAndSurveys(level: Double, coverage: Double?, gap: Double?, expected: Double) {
        let score = ScoringMath.alignmentScore(
            charterLevel: level, objectiveCoverage: coverage, surveyGap: gap, model: ScoringModel.default.alignment)
        #expect(close(score, expected))
    }

    @Test func healthIsTheWeightedMeanOfComponentsWithData() {
        let weights = [25.0, 20, 15, 15, 15, 10]
        // (25*80 + 20*60 + 15*50 + 15*100 + 15*40 + 10*70) / 100 = (2000 + 1200 + 750 + 1500 + 600 + 700) / 100 = 67.5
        let all = ScoringMath.aggregate(zip(weights, [80, 60, 50, 100, 40, 70]).map { ($0, $1) }, minimumEvidenceShare: 0.6)
        #expect(close(all.score, 67.5))
        #expect(all.evidenceShare == 1)
        // reciprocity without data: (6750 - 1500) / (100 - 15) = 5250 / 85 = 61.7647
        let missing = ScoringMath.aggregate(zip(weights, [80, 60, 50, nil, 40, 70]).map { ($0, $1) }, minimumEvidenceShare: 0.6)
        #expect(close(missing.score, 61.76470588235294))
        #expect(close(missing.evidenceShare, 0.85))
    }

    @Test func healthBelowSixtyPercentOfTheWeightIsInsufficientEvidence() {
        let weights = [25.0, 20, 15, 15, 15, 10]
        // reliability + engagement + alignment = 25 + 20 + 10 = 55 of 100: below 60%
        let thin = ScoringMath.aggregate(zip(weights, [80, 60, nil, nil, nil, 70]).map { ($0, $1) }, minimumEvidenceShare: 0.6)
        #expect(thin.score == nil)
        #expect(close(thin.evidenceShare, 0.55))
        // reliability + engagement + transparency = 60 of 100: exactly enough; (2000 + 1200 + 750) / 60 = 65.8333
        let enough = ScoringMath.aggregate(zip(weights, [80, 60, 50, nil, nil, nil]).map { ($0, $1) }, minimumEvidenceShare: 0.6)
        #expect(close(enough.score, 65.83333333333333))
        #expect(ScoringMath.band(thin.score, model: ScoringModel.default.health) == .insufficientEvidence)
    }

    @Test func pointsRecoverableAreTheWeightedGapToAHundred() {
        // 25 * (100 - 80) / 85 = 500 / 85 = 5.8824
        #expect(close(ScoringMath.pointsRecoverable(weight: 25, score: 80, weightWithData: 85), 5.882352941176471))
    }

    @Test(arguments: [
        (score: 75.0 as Double?, band: HealthBand.green),
        (score: 74.99 as Double?, band: HealthBand.yellow),
        (score: 50.0 as Double?, band: HealthBand.yellow),
        (score: 49.99 as Double?, band: HealthBand.red),
        (score: nil as Double?, band: HealthBand.insufficientEvidence),
    ])
    func bandsSplitAtSeventyFiveAndFifty(score: Double?, band: HealthBand) {
        #expect(ScoringMath.band(score, model: ScoringModel.default.health) == band)
    }

    @Test(arguments: [
        (current: 70.0 as Double?, earlier: 67.0 as Double?, arrow: TrendArrow.up),       // +3.0
        (current: 70.0 as Double?, earlier: 67.5 as Double?, arrow: TrendArrow.flat),     // +2.5
        (current: 64.0 as Double?, earlier: 67.0 as Double?, arrow: TrendArrow.down),     // -3.0
        (current: 50.0 as Double?, earlier: nil as Double?, arrow: TrendArrow.unavailable),
    ])
    func arrowMovesAtThreePoints(current: Double?, earlier: Double?, arrow: TrendArrow) {
        #expect(ScoringMath.arrow(current: current, earlier: earlier, points: 3) == arrow)
    }

    @Test func theilSenTakesTheMedianSlopeWithSensInterval() throws {
        // y = 10, 12, 11, 15, 17 at x = 0..4. Pairwise slopes, sorted:
        // -1 (1,2), 0.5 (0,2), 1.5 (1,3), 5/3 (0,3), 5/3 (1,4), 1.75 (0,4), 2 (0,1), 2 (3,4), 3 (2,4), 4 (2,3); N = 10.
        // median: ranks 5 and 6: (5/3 + 1.75) / 2 = 1.708333
        // Var(S) = 5 * 4 * 15 / 18 = 16.6667 (no ties); C = 1.644854 * sqrt(16.6667) = 6.715087
        // M1 = (10 - 6.715087) / 2 = 1.642457: -1 + 0.642457 * (0.5 - -1) = -0.036315
        // M2 + 1 = (10 + 6.715087) / 2 + 1 = 9.357543: 3 + 0.357543 * (4 - 3) = 3.357543
        let points: [(x: Double, y: Double)] = [(0, 10), (1, 12), (2, 11), (3, 15), (4, 17)]
        let estimate = try #require(ScoringMath.theilSen(points, confidenceLevel: 0.9))
        #expect(close(estimate.slope, 1.7083333333333333))
        #expect(close(estimate.lower, -0.036315109, tolerance: 1e-6))
        #expect(close(estimate.upper, 3.357543406, tolerance: 1e-6))
        // the slope is under 2 and the interval straddles 0 and +2
        #expect(ScoringMath.direction(of: estimate, threshold: 2) == .uncertain)
    }

    @Test func theilSenCallsASteadyDeclineFalling() throws {
        // y = 80, 75, 70, 62, 55, 50 at x = 0..5: the 15 slopes sorted are
        // -8, -7.5, -7, -6.667, -6.667, -6.5, -6.25, -6.25, -6, -6, -6, -5, -5, -5, -5; median (rank 8) = -6.25.
        // Var(S) = 6 * 5 * 17 / 18 = 28.3333; C = 1.644854 * 5.322906 = 8.755402
        // M1 = (15 - 8.755402) / 2 = 3.122299: -7 + 0.122299 * (-6.667 - -7) = -6.959234
        // M2 + 1 = (15 + 8.755402) / 2 + 1 = 12.877701: -5 + 0.877701 * (-5 - -5) = -5
        let points: [(x: Double, y: Double)] = [(0, 80), (1, 75), (2, 70), (3, 62), (4, 55), (5, 50)]
        let estimate = try #require(ScoringMath.theilSen(points, confidenceLevel: 0.9))
        #expect(close(estimate.slope, -6.25))
        #expect(close(estimate.lower, -6.959233670, tolerance: 1e-6))
        #expect(close(estimate.upper, -5))
        #expect(ScoringMath.direction(of: estimate, threshold: 2) == .falling)
    }

    @Test func theilSenOfAConstantSeriesIsFlatWithAZeroWidthInterval() throws {
        // every slope is 0; ties: one group of 6, Var(S) = (6*5*17 - 6*5*17) / 18 = 0, so C = 0 and both limits are the median
        let points: [(x: Double, y: Double)] = (0..<6).map { (Double($0), 60) }
        let estimate = try #require(ScoringMath.theilSen(points, confidenceLevel: 0.9))
        #expect(estimate.slope == 0)
        #expect(estimate.lower == 0)
        #expect(estimate.upper == 0)
        #expect(ScoringMath.direction(of: estimate, threshold: 2) == .flat)
    }

    @Test func theilSenOnThreePointsLeavesTheIntervalOpen() throws {
        // n = 3: N = 3, Var(S) = 3 * 2 * 11 / 18 = 3.6667, C = 3.1497, M1 = -0.07 < 1: no lower limit
        let points: [(x: Double, y: Double)] = [(0, 90), (1, 60), (2, 30)]
        let estimate = try #require(ScoringMath.theilSen(points, confidenceLevel: 0.9))
        #expect(estimate.slope == -30)
        #expect(estimate.lower == nil)
        #expect(estimate.upper == nil)
        #expect(ScoringMath.direction(of: estimate, threshold: 2) == .uncertain)
    }

    @Test func cusumSignalsTheMonthEngagementShiftsDown() throws {
        // baseline 50, 52, 48, 50, 52, 48: mean 50; squares 0, 4, 4, 0, 4, 4 sum to 16; sd = sqrt(16/5) = 1.789, floored to 5.
        // k*sd = 2.5, h*sd = 20. S- after each month: 45 -> 50 - 2.5 - 45 = 2.5; 40 -> 2.5 + 7.5 = 10;
        // 38 -> 10 + 9.5 = 19.5 (not above 20); 30 -> 19.5 + 17.5 = 37 > 20: signal at index 9, then restart; 50 -> 0.
        let values: [Double] = [50, 52, 48, 50, 52, 48, 45, 40, 38, 30, 50]
        let result = try #require(ScoringMath.cusum(values, baselineCount: 6, k: 0.5, h: 4, minimumStandardDeviation: 5))
        #expect(result.mean == 50)
        #expect(result.standardDeviation == 5)
        #expect(result.signals == [CusumSignal(index: 9, direction: .down, statistic: 37)])
    }

    @Test func cusumSignalsAnUpwardShiftToo() throws {
        // baseline 10, 20, 10, 20, 10, 20: mean 15; squares 25 each, sum 150; sd = sqrt(150/5) = sqrt(30) = 5.477 (above the floor).
        // k*sd = 2.7386, h*sd = 21.9089. S+ after 30: 30 - 15 - 2.7386 = 12.2614; after 30 again: 24.5228 > 21.9089: signal at index 7.
        let values: [Double] = [10, 20, 10, 20, 10, 20, 30, 30]
        let result = try #require(ScoringMath.cusum(values, baselineCount: 6, k: 0.5, h: 4, minimumStandardDeviation: 5))
        #expect(close(result.standardDeviation, 30.0.squareRoot()))
        #expect(result.signals.count == 1)
        #expect(result.signals.first?.index == 7)
        #expect(result.signals.first?.direction == .up)
        #expect(close(result.signals.first?.statistic, 2 * (15 - 0.5 * 30.0.squareRoot())))
    }

    @Test func cusumNeedsMoreValuesThanTheBaseline() {
        #expect(ScoringMath.cusum([50, 50, 50], baselineCount: 6, k: 0.5, h: 4, minimumStandardDeviation: 5) == nil)
    }

    @Test func normalQuantileGivesTheNinetyPercentZ() {
        #expect(close(ScoringMath.normalQuantile(0.95), 1.6448536269514722, tolerance: 1e-8))
        #expect(close(ScoringMath.normalQuantile(0.5), 0, tolerance: 1e-12))
        #expect(close(ScoringMath.normalQuantile(0.01), -2.3263478740408408, tolerance: 1e-8))
    }
}

@Suite("Classifier confidence: the strength of the evidence, computed by hand")
struct ClassifierConfidenceTests {
    @Test(arguments: [
        // holds, observations, clearance, strength = (n + 1) / (n + 2) * (0.5 + 0.5 * clearance)
        (true, 2, 1.0, 0.75),          // 3/4 * 1
        (true, 2, 0.0, 0.375),         // 3/4 * 1/2
        (true, 10, 0.5, 0.6875),       // 11/12 * 3/4
        (true, 0, 1.0, 0.5),           // 1/2 * 1: an absence seen in no event at all
        (true, 12, 1.0, 13.0 / 14.0),  // 13/14 * 1
        (false, 100, 1.0, 0.0),        // a predicate that does not hold has no strength
        (true, 3, 2.0, 0.8),           // clearance is capped at 1: 4/5 * 1
    ])
    func predicateStrength(holds: Bool, observations: Int, clearance: Double, strength: Double) {
        #expect(ClassifierPredicate.strength(holds: holds, observations: observations, clearance: clearance) == strength)
    }

    @Test func twoDataPointsNeverGiveZeroOrFullConfidence() {
        let strongest = ClassifierPredicate.strength(holds: true, observations: 2, clearance: 1)
        let weakest = ClassifierPredicate.strength(holds: true, observations: 2, clearance: 0)
        #expect(strongest == 0.75 && weakest == 0.375)
        #expect(Classification.tooFewEventsConfidence(events: 2, minimum: 20) == 1 - 3.0 / 22.0)
        #expect(Classification.noRuleConfidence(closestShare: 0, events: 2) == 0.75)
        #expect(Classification.noRuleConfidence(closestShare: 0.5, events: 2) == 0.375)
    }

    @Test(arguments: [
        // events, minimum, 1 - (events + 1) / (minimum + 2)
        (6, 20, 15.0 / 22.0),
        (0, 20, 21.0 / 22.0),
        (19, 20, 2.0 / 22.0),
    ])
    func tooFewEvents(events: Int, minimum: Int, confidence: Double) {
        #expect(abs(Classification.tooFewEventsConfidence(events: events, minimum: minimum) - confidence) < 1e-12)
    }

    @Test(arguments: [
        // closest share, events, (1 - share) * (events + 1) / (events + 2)
        (0.8, 30, 0.2 * 31.0 / 32.0),
        (0.0, 20, 21.0 / 22.0),
        (2.0 / 3.0, 88, (1.0 / 3.0) * 89.0 / 90.0),
    ])
    func noRuleHolds(share: Double, events: Int, confidence: Double) {
        #expect(abs(Classification.noRuleConfidence(closestShare: share, events: events) - confidence) < 1e-12)
    }
}

import Foundation

/// The formulas of DOMAIN.md as pure functions of numbers: decay, smoothing, the scores and the statistics.
///
/// The projections feed these with what they read from the events; reports
/// and tests can call them directly to show or check the arithmetic.
public enum ScoringMath {
    /// `w(e) = 0.5^(ageDays / halfLifeDays)`: evidence loses half its weight every half-life. Evidence dated in the future weighs 1.
    public static func decayWeight(ageDays: Double, halfLifeDays: Double) -> Double {
        pow(0.5, max(0, ageDays) / halfLifeDays)
    }

    /// `c(x)`: `x` clamped to `[0, 1]`.
    public static func clamp(_ value: Double) -> Double {
        min(1, max(0, value))
    }

    /// `L(x, n) = (x + 1) / (n + 2)`: a share that starts at one half and needs evidence to move.
    public static func smoothedShare(_ successes: Double, of trials: Double) -> Double {
        (successes + 1) / (trials + 2)
    }

    /// Commitment reliability of one party: `100 * (sum w*credit + priorCredit) / (sum w + priorWeight)`.
    public static func commitmentScore(
        _ outcomes: [(weight: Double, credit: Double)], priorCredit: Double, priorWeight: Double
    ) -> Double {
        let credit = outcomes.reduce(0) { $0 + $1.weight * $1.credit }
        let weight = outcomes.reduce(0) { $0 + $1.weight }
        return 100 * (credit + priorCredit) / (weight + priorWeight)
    }

    /// `100 * sum(weight * value) / sum(weight)` over the parts that have a value; nil when none has.
    ///
    /// This is how every score combines its parts: a part without data drops
    /// out and its weight is spread over the rest. Part values lie in `[0, 1]`.
    public static func weightedScore(_ parts: [(weight: Double, value: Double?)]) -> Double? {
        var total = 0.0
        var weight = 0.0
        for part in parts {
            guard let value = part.value else { continue }
            total += part.weight * value
            weight += part.weight
        }
        return weight > 0 ? 100 * total / weight : nil
    }

    /// Candour: `(proactive + 1) / (proactive + surprises + 2)`.
    public static func candour(proactiveDisclosures: Int, surprises: Int) -> Double {
        Double(proactiveDisclosures + 1) / Double(proactiveDisclosures + surprises + 2)
    }

    /// The balance of one flow, `b_f = (given - received) / (given + received)` in `[-1, 1]`; nil when nothing flowed either way.
    public static func balance(given: Double, received: Double) -> Double? {
        let total = given + received
        return total > 0 ? (given - received) / total : nil
    }

    /// `R = 100 * (1 - max(0, |B| - tolerance) / (1 - tolerance))`: an imbalance within the tolerance costs nothing.
    public static func reciprocityScore(balance: Double, tolerance: Double) -> Double {
        100 * (1 - max(0, abs(balance) - tolerance) / (1 - tolerance))
    }

    /// Joint value: `100 * (0.4 c(shared / 4) + 0.3 L(accepted, shared) + 0.3 L(won, decided))` with the model's numbers.
    public static func jointValueScore(
        shared: Double, accepted: Double, won: Double, decided: Double, model: ScoringModel.JointValue
    ) -> Double {
        weightedScore([
            (model.volumeWeight, clamp(shared / model.expectedOpportunities)),
            (model.acceptanceWeight, smoothedShare(accepted, of: shared)),
            (model.winWeight, smoothedShare(won, of: decided)),
        ]) ?? 0
    }

    /// Alignment: `0.5 charterLevel + 30 objectiveCoverage + 20 (1 - surveyGap / 4)` with the model's numbers.
    ///
    /// Coverage without objectives and the survey gap without two parties
    /// answering the same dimension have no data; their points are spread
    /// over the parts that have.
    public static func alignmentScore(
        charterLevel: Double, objectiveCoverage: Double?, surveyGap: Double?, model: ScoringModel.Alignment
    ) -> Double {
        weightedScore([
            (model.charterWeight, charterLevel / 100),
            (model.coverageWeight, objectiveCoverage),
            (model.surveyWeight, surveyGap.map { 1 - $0 / model.surveySpan }),
        ]) ?? 0
    }

    /// Health: `sum(W_k * S_k) / sum(W_k with data)`, and the share of the total weight that has data.
    ///
    /// The score is nil (insufficient evidence) when that share is below
    /// `minimumEvidenceShare`.
    public static func aggregate(
        _ components: [(weight: Double, score: Double?)], minimumEvidenceShare: Double
    ) -> (score: Double?, evidenceShare: Double) {
        let totalWeight = components.reduce(0) { $0 + $1.weight }
        let withData = components.filter { $0.score != nil }
        let dataWeight = withData.reduce(0) { $0 + $1.weight }
        let share = totalWeight > 0 ? dataWeight / totalWeight : 0
        guard dataWeight > 0, share >= minimumEvidenceShare else { return (nil, share) }
        let weighted = withData.reduce(0) { $0 + $1.weight * ($1.score ?? 0) }
        return (weighted / dataWeight, share)
    }

    /// The points a component could still add: `W_k * (100 - S_k) / sum(W_k with data)`.
    public static func pointsRecoverable(weight: Double, score: Double, weightWithData: Double) -> Double {
        weightWithData > 0 ? weight * (100 - score) / weightWithData : 0
    }

    /// The band of a health score; nil (insufficient evidence) is grey.
    public static func band(_ score: Double?, model: ScoringModel.Health) -> HealthBand {
        guard let score else { return .insufficientEvidence }
        if score >= model.greenFrom { return .green }
        if score >= model.yellowFrom { return .yellow }
        return .red
    }

    /// Up or down when the score moved at least `points` against the earlier score; flat otherwise; unavailable without both scores.
    public static func arrow(current: Double?, earlier: Double?, points: Double) -> TrendArrow {
        guard let current, let earlier else { return .unavailable }
        if current - earlier >= points { return .up }
        if earlier - current >= points { return .down }
        return .flat
    }

    /// The Theil-Sen slope of a series, with Sen's confidence interval from Kendall's S; nil with fewer than two distinct x.
    ///
    /// The slope is the median of the pairwise slopes `(y_j - y_i) / (x_j - x_i)`.
    /// The interval follows Sen (1968) as Gilbert (1987) gives it: with `N`
    /// ordered pairwise slopes, `Var(S) = [n(n-1)(2n+5) - sum t(t-1)(2t+5)] / 18`
    /// (t: sizes of groups of tied y), `C = z * sqrt(Var(S))` where `z` is the
    /// two-sided normal quantile of the level (1.645 for 90%), `M1 = (N - C) / 2`
    /// and `M2 = (N + C) / 2`; the limits are the slopes of rank `M1` and
    /// `M2 + 1` (1-based, interpolated linearly between neighbours). A rank
    /// below 1 or above `N` leaves that side unbounded (nil): with few
    /// points the interval is too wide to call a direction.
    public static func theilSen(_ points: [(x: Double, y: Double)], confidenceLevel: Double) -> SlopeEstimate? {
        var slopes: [Double] = []
        for i in points.indices {
            for j in points.indices where j > i && points[j].x != points[i].x {
                slopes.append((points[j].y - points[i].y) / (points[j].x - points[i].x))
            }
        }
        guard !slopes.isEmpty else { return nil }
        slopes.sort()
        let count = Double(slopes.count)
        let slope = rankValue(slopes, rank: (count + 1) / 2) ?? slopes[slopes.count / 2]
        let n = Double(points.count)
        var tieGroups: [Double: Int] = [:]
        for point in points { tieGroups[point.y, default: 0] += 1 }
        let ties = tieGroups.values.reduce(0.0) { sum, size in
            let t = Double(size)
            return sum + t * (t - 1) * (2 * t + 5)
        }
        let variance = max(0, (n * (n - 1) * (2 * n + 5) - ties) / 18)
        let z = normalQuantile(1 - (1 - confidenceLevel) / 2)
        let c = z * variance.squareRoot()
        return SlopeEstimate(
            slope: slope,
            lower: rankValue(slopes, rank: (count - c) / 2),
            upper: rankValue(slopes, rank: (count + c) / 2 + 1),
            pointCount: points.count,
            confidenceLevel: confidenceLevel)
    }

    /// Rising when the slope is at least `threshold` and the interval lies above 0; falling when at most `-threshold` and the interval lies below 0; flat when the interval lies within `±threshold`; otherwise uncertain.
    public static func direction(of estimate: SlopeEstimate?, threshold: Double) -> TrendDirection {
        guard let estimate else { return .uncertain }
        if estimate.slope >= threshold, let lower = estimate.lower, lower > 0 { return .rising }
        if estimate.slope <= -threshold, let upper = estimate.upper, upper < 0 { return .falling }
        if let lower = estimate.lower, let upper = estimate.upper, lower >= -threshold, upper <= threshold { return .flat }
        return .uncertain
    }

    /// Tabular CUSUM: the baseline's mean and standard deviation from the first `baselineCount` values, then a signal wherever a cumulative sum crosses `h` standard deviations.
    ///
    /// With `σ = max(sample standard deviation, minimumStandardDeviation)`,
    /// for each value after the baseline `S⁺ = max(0, S⁺ + x - μ - kσ)` and
    /// `S⁻ = max(0, S⁻ + μ - kσ - x)`; when `S⁻ > hσ` (a downward shift) or
    /// `S⁺ > hσ` (upward) a signal names the value's index, and both sums
    /// restart from 0. Nil when there are not more values than the baseline,
    /// or a baseline of fewer than two values.
    public static func cusum(
        _ values: [Double], baselineCount: Int, k: Double, h: Double, minimumStandardDeviation: Double
    ) -> CusumResult? {
        guard baselineCount >= 2, values.count > baselineCount else { return nil }
        let baseline = values[..<baselineCount]
        let mean = baseline.reduce(0, +) / Double(baselineCount)
        let squares = baseline.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let sd = max((squares / Double(baselineCount - 1)).squareRoot(), minimumStandardDeviation)
        var high = 0.0
        var low = 0.0
        var signals: [CusumSignal] = []
        for index in baselineCount..<values.count {
            let value = values[index]
            high = max(0, high + value - mean - k * sd)
            low = max(0, low + mean - k * sd - value)
            if low > h * sd {
                signals.append(CusumSignal(index: index, direction: .down, statistic: low))
                (high, low) = (0, 0)
            } else if high > h * sd {
                signals.append(CusumSignal(index: index, direction: .up, statistic: high))
                (high, low) = (0, 0)
            }
        }
        return CusumResult(mean: mean, standardDeviation: sd, signals: signals)
    }

    /// The standard normal quantile: the `z` with `P(Z <= z) = p`, for `0 < p < 1`.
    ///
    /// Acklam's rational approximation, with a relative error below 1.2e-9.
    public static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            return -normalQuantile(1 - p)
        }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    /// The value at a 1-based, possibly fractional rank of sorted values; nil outside `1...count`.
    private static func rankValue(_ sorted: [Double], rank: Double) -> Double? {
        guard rank >= 1, rank <= Double(sorted.count) else { return nil }
        let lower = Int(rank.rounded(.down))
        let fraction = rank - Double(lower)
        guard fraction > 0, lower < sorted.count else { return sorted[lower - 1] }
        return sorted[lower - 1] + fraction * (sorted[lower] - sorted[lower - 1])
    }
}

/// A Theil-Sen slope with its confidence interval; a nil limit is unbounded.
public struct SlopeEstimate: Codable, Sendable, Equatable {
    /// The median pairwise slope, in points per period.
    public var slope: Double
    /// The lower limit, or nil when unbounded.
    public var lower: Double?
    /// The upper limit, or nil when unbounded.
    public var upper: Double?
    /// How many points the fit used.
    public var pointCount: Int
    /// The interval's confidence, such as 0.9.
    public var confidenceLevel: Double
}

/// The result of a tabular CUSUM: the baseline and the signals.
public struct CusumResult: Codable, Sendable, Equatable {
    /// The baseline mean.
    public var mean: Double
    /// The baseline standard deviation used, after the floor.
    public var standardDeviation: Double
    /// Where a cumulative sum crossed the threshold, in order.
    public var signals: [CusumSignal]
}

/// One CUSUM signal: the index of the value where a shift was detected, its direction and the cumulative sum.
public struct CusumSignal: Codable, Sendable, Equatable {
    /// The index in the series.
    public var index: Int
    /// Down (engagement fell) or up.
    public var direction: ShiftDirection
    /// The cumulative sum when it crossed, in points.
    public var statistic: Double

    /// Creates a signal.
    public init(index: Int, direction: ShiftDirection, statistic: Double) {
        self.index = index
        self.direction = direction
        self.statistic = statistic
    }
}

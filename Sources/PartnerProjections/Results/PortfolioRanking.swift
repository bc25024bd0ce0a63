import Foundation
import PartnerDomain

/// One partnership's line in the portfolio: its risk rank, score, band, arrow and top flag.
public struct PortfolioEntry: Codable, Sendable, Equatable {
    /// 1 for the riskiest partnership; nil for one without enough evidence for a band, which is
    /// shown apart (onboarding) rather than ranked.
    public var rank: Int?
    /// The partnership's slug.
    public var partnership: String
    /// Its display name.
    public var name: String
    /// The health score, or nil for insufficient evidence.
    public var score: Double?
    /// The band.
    public var band: HealthBand
    /// The trend arrow.
    public var arrow: TrendArrow
    /// How many standing flags are critical.
    public var criticalFlags: Int
    /// How many flags stand.
    public var flagCount: Int
    /// The most serious standing flag: critical first, then in detector order.
    public var topFlag: RedFlag?
    /// The relationship classifier's verdict.
    public var verdict: RelationshipVerdict
    /// The scoring model's version.
    public var modelVersion: String
}

/// Orders partnerships by risk for the portfolio table.
public enum PortfolioRanking {
    /// Ranks reports riskiest first: by band (red, yellow, green), then by score (lowest first), then by critical flags and flags (most first), then by slug.
    ///
    /// A partnership without enough evidence for a band is not ranked: its
    /// line has no rank and comes after the ranked ones, by slug, to be shown
    /// apart as onboarding. Too little evidence is not a risk score.
    public static func rank(_ reports: [PartnershipReport]) -> [PortfolioEntry] {
        rank(entries: reports.map(entry(of:)))
    }

    /// A report's line in the portfolio, not yet ranked (its rank is nil): all that ranking needs,
    /// so that a large portfolio can keep the lines and drop the reports as they are evaluated.
    public static func entry(of report: PartnershipReport) -> PortfolioEntry {
        let critical = report.flags.filter { $0.severity == .critical }
        return PortfolioEntry(
            rank: nil, partnership: report.partnership, name: report.name, score: report.health.score,
            band: report.health.band, arrow: report.health.arrow, criticalFlags: critical.count,
            flagCount: report.flags.count, topFlag: critical.first ?? report.flags.first,
            verdict: report.classification.verdict, modelVersion: report.modelVersion)
    }

    /// Ranks the lines of ``entry(of:)`` as ``rank(_:)`` ranks their reports, whatever their order.
    public static func rank(entries: [PortfolioEntry]) -> [PortfolioEntry] {
        let ranked = entries.filter { $0.band != .insufficientEvidence }.sorted { lhs, rhs in
            if riskOrder(lhs.band) != riskOrder(rhs.band) { return riskOrder(lhs.band) < riskOrder(rhs.band) }
            if lhs.score != rhs.score { return (lhs.score ?? .infinity) < (rhs.score ?? .infinity) }
            if lhs.criticalFlags != rhs.criticalFlags { return lhs.criticalFlags > rhs.criticalFlags }
            if lhs.flagCount != rhs.flagCount { return lhs.flagCount > rhs.flagCount }
            return lhs.partnership < rhs.partnership
        }
        let onboarding = entries.filter { $0.band == .insufficientEvidence }.sorted { $0.partnership < $1.partnership }.map { entry in
            var unranked = entry
            unranked.rank = nil
            return unranked
        }
        return ranked.enumerated().map { index, entry in
            var line = entry
            line.rank = index + 1
            return line
        } + onboarding
    }

    private static func riskOrder(_ band: HealthBand) -> Int {
        switch band {
        case .red: 0
        case .yellow: 1
        case .green: 2
        case .insufficientEvidence: 3
        }
    }
}

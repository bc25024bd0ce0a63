import Foundation
import PartnerDomain

/// What opportunities one party passed to another brought, in one currency, as recorded: won
/// values as won (never the estimate), the open pipeline at its estimates, and the win rate.
///
/// Amounts in different currencies are never added or converted: each currency has its own
/// line. Opportunities recorded without a value count in the numbers of deals only, under a
/// line whose ``currency`` is nil.
public struct RevenueLine: Codable, Sendable, Equatable {
    /// The party that passed the opportunities (the source of the revenue).
    public var from: String
    /// The party that received them.
    public var to: String
    /// The ISO 4217 code, or nil for opportunities recorded without a currency.
    public var currency: String?
    /// Deals won in the range.
    public var wonCount: Int
    /// The sum of the values recorded at the wins in the range; a win recorded without a value adds nothing.
    public var wonValue: Decimal
    /// Wins in the range whose value was not recorded.
    public var wonWithoutValue: Int
    /// Deals lost in the range.
    public var lostCount: Int
    /// Opportunities still open at the range's end (shared or accepted, not declined, won or lost).
    public var openCount: Int
    /// The sum of the open opportunities' estimates.
    public var openPipeline: Decimal
    /// Won over won and lost in the range; nil when none was decided.
    public var winRate: Double?
}

extension EvaluationContext {
    /// The revenue lines of the opportunities, by source, receiver and currency: wins and losses
    /// recorded in `range`, the pipeline open as of "as of".
    func revenue(in range: TimeRange) -> [RevenueLine] {
        struct Key: Hashable {
            let from: String
            let to: String
            let currency: String?
        }
        var lines: [Key: RevenueLine] = [:]
        for opportunity in resolved.opportunities {
            let terms = opportunity.terms
            let key = Key(from: terms.from, to: terms.to, currency: terms.currency)
            var line = lines[key] ?? RevenueLine(
                from: terms.from, to: terms.to, currency: terms.currency, wonCount: 0, wonValue: 0, wonWithoutValue: 0,
                lostCount: 0, openCount: 0, openPipeline: 0, winRate: nil)
            var counts = false
            if let win = opportunity.won, range.contains(win.stamp.occurredAt) {
                line.wonCount += 1
                if let value = win.value { line.wonValue += value } else { line.wonWithoutValue += 1 }
                counts = true
            }
            if let loss = opportunity.lost, range.contains(loss.occurredAt) {
                line.lostCount += 1
                counts = true
            }
            if !opportunity.isTerminal {
                line.openCount += 1
                line.openPipeline += terms.estimatedValue ?? 0
                counts = true
            }
            if counts { lines[key] = line }
        }
        let order = Dictionary(uniqueKeysWithValues: parties.enumerated().map { ($1, $0) })
        return lines.values.map { line in
            var rated = line
            let decided = line.wonCount + line.lostCount
            rated.winRate = decided > 0 ? Double(line.wonCount) / Double(decided) : nil
            return rated
        }.sorted { lhs, rhs in
            let left = (order[lhs.from] ?? Int.max, order[lhs.to] ?? Int.max, lhs.currency ?? "")
            let right = (order[rhs.from] ?? Int.max, order[rhs.to] ?? Int.max, rhs.currency ?? "")
            return left < right
        }
    }
}

extension PartnershipProjection {
    /// The revenue lines over `[from, to]` as known at `knownAt`: deals won and lost between the
    /// two instants, and the pipeline open at `to`; see ``RevenueLine``.
    public func revenue(from: Timestamp, to: Timestamp, knownAt: Timestamp?, model: ScoringModel) -> [RevenueLine] {
        let context = EvaluationContext(resolved: ResolvedPartnership(self, view: ViewPoint(asOf: to, knownAt: knownAt)), model: model)
        return context.revenue(in: TimeRange(start: from, end: to.adding(milliseconds: 1)))
    }
}

extension RevenueLine {
    /// "helix → northwind: won EUR 95000 (2 deals, 1 without a value), lost 1, win rate 67%; open EUR 40000 (1)".
    public var sentence: String {
        let unit = currency.map { "\($0) " } ?? ""
        var parts = ["won \(unit)\(Self.amount(wonValue)) (\(wonCount) deal\(wonCount == 1 ? "" : "s")"
            + (wonWithoutValue > 0 ? ", \(wonWithoutValue) without a value)" : ")")]
        if lostCount > 0 { parts.append("lost \(lostCount)") }
        if let winRate { parts.append("win rate \(Int((winRate * 100).rounded()))%") }
        parts.append("open \(unit)\(Self.amount(openPipeline)) (\(openCount))")
        return "\(from) → \(to): " + parts.joined(separator: ", ")
    }

    /// An amount as recorded, without grouping or rounding: `95000`, `1500.5`.
    public static func amount(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue
    }
}

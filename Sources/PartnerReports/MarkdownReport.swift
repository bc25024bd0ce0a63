import Foundation
import PartnerDomain
import PartnerProjections

/// A report as Markdown: headings, tables and lists to paste into a document.
struct MarkdownReport {
    func render(_ report: TrendReport) -> String {
        var lines: [String] = []
        if report.scope == .portfolio {
            lines.append("# Portfolio trend report")
        } else {
            lines.append("# Trend report: " + (report.partnerships.first.map { "\(escape($0.name)) (`\($0.partnership)`)" } ?? "no partnership"))
        }
        lines.append("")
        lines.append("\(ReportNumbers.range(report.range)), as of \(ReportNumbers.minute(report.asOf)). "
            + "Scoring model `\(report.modelVersion)`; green from \(ReportNumbers.score(report.bands.greenFrom)), "
            + "yellow from \(ReportNumbers.score(report.bands.yellowFrom)).")
        lines.append("")
        lines.append("Ledger head #\(report.ledger.headPosition), digest `\(report.ledger.headDigest)`.")
        if report.partnerships.isEmpty {
            lines.append("")
            lines.append("No partnership was opened by \(report.range.to).")
        }
        if report.scope == .portfolio, !report.portfolio.isEmpty {
            lines.append("")
            func rows(_ lines: [PortfolioLine]) -> [[String]] {
                lines.map { line in
                    [
                        line.rank.map(String.init) ?? "—", "\(escape(line.name)) (`\(line.partnership)`)", ReportNumbers.score(line.score),
                        line.band.rawValue, ReportNumbers.arrow(line.arrow), line.engagementTrend.rawValue,
                        ReportNumbers.verdict(line.verdict), line.topFlags.map(\.text).joined(separator: "; ").ifEmpty("none"),
                    ]
                }
            }
            let header = ["Rank", "Partnership", "Health", "Band", "Arrow", "Engagement", "Verdict", "Top flags"]
            let ranked = report.portfolio.filter { $0.rank != nil }
            let onboarding = report.portfolio.filter { $0.rank == nil }
            if !ranked.isEmpty {
                lines.append("## Portfolio, riskiest first")
                lines.append("")
                lines.append(contentsOf: table(header, rows(ranked)))
            }
            if !onboarding.isEmpty {
                if !ranked.isEmpty { lines.append("") }
                lines.append("## Onboarding: not enough evidence yet for a band, not ranked")
                lines.append("")
                lines.append(contentsOf: table(header, rows(onboarding)))
            }
        }
        for trend in report.partnerships {
            lines.append("")
            lines.append(contentsOf: section(trend))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func section(_ trend: PartnershipTrend) -> [String] {
        var lines: [String] = []
        lines.append("## \(escape(trend.name)) (`\(trend.partnership)`)" + (trend.isClosed ? " (closed)" : ""))
        lines.append("")
        let parties = trend.parties.map { "\(escape($0.name)) (`\($0.id)`)" }.joined(separator: ", ")
        lines.append("- Parties: \(parties); recorded as \(trend.label.rawValue)")
        lines.append("- Health: **\(ReportNumbers.score(trend.health.score))** \(trend.health.band.rawValue) "
            + "\(ReportNumbers.arrow(trend.health.arrow)) (earlier \(ReportNumbers.score(trend.health.earlierScore)), "
            + "evidence \(ReportNumbers.percent(trend.health.evidenceShare)) of the weight)")
        lines.append("- Engagement trend: \(trend.engagementTrend.rawValue)")
        lines.append("- Verdict: **\(ReportNumbers.verdict(trend.verdict.verdict))** (\(ReportNumbers.percent(trend.verdict.confidence)) confidence)")
        lines.append("- Events in range: \(trend.eventCount)")
        if let reason = trend.health.mainReason { lines.append("- Why: \(escape(reason))") }
        for line in trend.revenue {
            lines.append("- Revenue, \(escape(line.sentence))")
        }
        guard !trend.periods.isEmpty else {
            lines.append("")
            lines.append("No period of the range falls after the opening.")
            return lines
        }
        lines.append("")
        lines.append("### Health by period")
        lines.append("")
        lines.append("`\(ReportNumbers.sparkline(trend.periods.map(\.health)))`")
        lines.append("")
        lines.append(contentsOf: table(
            ["Period", "Events", "Health", "Band"],
            trend.periods.map { ["\($0.period)\($0.isWhole ? "" : "*")", "\($0.eventCount)", ReportNumbers.score($0.health), $0.band.rawValue] }))
        lines.append("")
        lines.append("### Parties by period")
        lines.append("")
        lines.append(contentsOf: table(
            ["Period", "Party", "Engagement", "Calls attended/held", "Cancelled", "Missed", "QBR e/d/m/i", "Commitments made/fulfilled/missed", "Opportunities shared/received", "Transparency"],
            trend.periods.flatMap { point in
                point.parties.map { party in
                    [
                        point.period, "`\(party.party)`", ReportNumbers.score(party.engagement), ReportNumbers.calls(party),
                        "\(party.meetingsCancelled)", "\(party.meetingsMissed)", ReportNumbers.seniority(party.qbrAttendees),
                        ReportNumbers.commitments(party), ReportNumbers.opportunities(party), ReportNumbers.score(party.transparency),
                    ]
                }
            }))
        if trend.periods.contains(where: { !$0.isWhole }) {
            lines.append("")
            lines.append("\\* part of the period falls outside the range.")
        }
        lines.append("")
        lines.append("### Red flags")
        lines.append("")
        if trend.flags.isEmpty { lines.append("None standing.") }
        for flag in trend.flags {
            let since = flag.firstRaised.map { ", since \($0)" } ?? ""
            lines.append("- **\(ReportNumbers.flagTitle(flag.kind))** (\([flag.party, flag.severity.rawValue].compactMap { $0 }.joined(separator: ", "))\(since))")
            for rule in flag.rules {
                lines.append("  - `\(rule.id)`: \(escape(rule.explanation))\(evidence(rule.evidence))")
            }
        }
        lines.append("")
        lines.append("### Verdict")
        lines.append("")
        lines.append("**\(ReportNumbers.verdict(trend.verdict.verdict))**, \(ReportNumbers.percent(trend.verdict.confidence)) confidence; recorded as \(trend.verdict.recordedAs.rawValue).")
        if let statement = trend.verdict.statement {
            lines.append("")
            lines.append("> \(escape(statement))")
        }
        lines.append("")
        lines.append("_\(escape(ReportNumbers.healthAndVerdict))_")
        if !trend.verdict.reasons.isEmpty {
            lines.append("")
            if trend.verdict.verdict == .emerging {
                lines.append("The rule that came closest:")
                lines.append("")
            }
            for reason in trend.verdict.reasons {
                lines.append("- \(reason.holds ? "✓" : "✗") `\(reason.id)`: \(escape(reason.explanation))\(evidence(reason.evidence))")
            }
        }
        return lines
    }

    private func evidence(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "" }
        return " (events " + ReportNumbers.evidence(ids) { "`\($0)`" } + ")"
    }

    private func table(_ header: [String], _ rows: [[String]]) -> [String] {
        func line(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |" }
        return [line(header), "|" + header.map { _ in "---|" }.joined()] + rows.map(line)
    }

    private func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text with Markdown's emphasis and link characters escaped.
    private func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\*_[]<>`#".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

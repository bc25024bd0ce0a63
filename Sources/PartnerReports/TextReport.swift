import Foundation
import PartnerDomain
import PartnerProjections

/// A report as aligned text for the terminal: sparklines for the series, ANSI colour when asked.
struct TextReport {
    /// Whether to style with ANSI codes.
    let colour: Bool

    func render(_ report: TrendReport) -> String {
        var lines: [String] = []
        let title = report.scope == .portfolio
            ? "Portfolio trend report"
            : "Trend report: " + (report.partnerships.first.map { "\($0.partnership) (\($0.name))" } ?? "no partnership")
        lines.append(style(title, .bold))
        lines.append("\(ReportNumbers.range(report.range)) · as of \(ReportNumbers.minute(report.asOf)) · model \(report.modelVersion)")
        lines.append("Ledger head #\(report.ledger.headPosition) · digest \(report.ledger.headDigest)")
        if report.partnerships.isEmpty {
            lines.append("")
            lines.append("No partnership was opened by \(report.range.to).")
        }
        if report.scope == .portfolio, !report.portfolio.isEmpty {
            lines.append("")
            let ranked = report.portfolio.filter { $0.rank != nil }
            let onboarding = report.portfolio.filter { $0.rank == nil }
            if !ranked.isEmpty {
                lines.append(style("Portfolio, riskiest first", .bold))
                lines.append(contentsOf: portfolioTable(ranked))
            }
            if !onboarding.isEmpty {
                if !ranked.isEmpty { lines.append("") }
                lines.append(style("Onboarding: not enough evidence yet for a band, not ranked", .bold))
                lines.append(contentsOf: portfolioTable(onboarding))
            }
        }
        for trend in report.partnerships {
            lines.append("")
            lines.append(contentsOf: section(trend, report: report))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func portfolioTable(_ portfolio: [PortfolioLine]) -> [String] {
        let rows = portfolio.map { line in
            [
                TextCell(line.rank.map(String.init) ?? "—"), TextCell(line.partnership), TextCell(ReportNumbers.score(line.score)),
                bandCell(line.band), TextCell(ReportNumbers.arrow(line.arrow)), TextCell(line.engagementTrend.rawValue),
                TextCell(ReportNumbers.verdict(line.verdict)),
                TextCell(line.topFlags.map(\.text).joined(separator: "; ").ifEmpty("none")),
            ]
        }
        return TextTable(
            header: ["RANK", "PARTNERSHIP", "HEALTH", "BAND", "ARROW", "ENGAGEMENT", "VERDICT", "TOP FLAGS"], rows: rows
        ).lines(style: style)
    }

    private func section(_ trend: PartnershipTrend, report: TrendReport) -> [String] {
        var lines: [String] = []
        let parties = trend.parties.map { "\($0.name) (\($0.id))" }.joined(separator: ", ")
        lines.append(style("\(trend.partnership) · \(trend.name)", .bold) + (trend.isClosed ? " [closed]" : ""))
        lines.append("Parties: \(parties); recorded as \(trend.label.rawValue)")
        let health = trend.health
        lines.append(
            "Health \(ReportNumbers.score(health.score)) \(styledBand(health.band)) \(ReportNumbers.arrow(health.arrow))"
                + " · engagement \(trend.engagementTrend.rawValue)"
                + " · verdict \(ReportNumbers.verdict(trend.verdict.verdict)) (\(ReportNumbers.percent(trend.verdict.confidence)))"
                + " · \(trend.eventCount) events in range")
        if let reason = health.mainReason { lines.append(reason.prefix(1).uppercased() + reason.dropFirst() + ".") }
        for line in trend.revenue {
            lines.append("Revenue, \(line.sentence)")
        }
        guard !trend.periods.isEmpty else {
            lines.append("No period of the range falls after the opening.")
            return lines
        }
        lines.append("")
        let first = trend.periods.first?.period ?? ""
        let last = trend.periods.last?.period ?? ""
        lines.append(style("Series \(first) … \(last)", .bold))
        var series: [[TextCell]] = []
        let healths = trend.periods.map(\.health)
        series.append([TextCell("health"), TextCell(ReportNumbers.sparkline(healths)), TextCell(endpoints(healths))])
        for party in trend.parties.map(\.id) {
            let values = trend.periods.map { $0.party(party)?.engagement }
            series.append([TextCell("engagement \(party)"), TextCell(ReportNumbers.sparkline(values)), TextCell(endpoints(values))])
        }
        for party in trend.parties.map(\.id) {
            let values = trend.periods.map { $0.party(party)?.transparency }
            series.append([TextCell("transparency \(party)"), TextCell(ReportNumbers.sparkline(values)), TextCell(endpoints(values))])
        }
        for party in trend.parties.map(\.id) {
            let values = trend.periods.map { $0.party(party)?.opportunitiesShared ?? 0 }
            series.append([
                TextCell("opportunities from \(party)"), TextCell(ReportNumbers.countSparkline(values)),
                TextCell("\(values.reduce(0, +)) in range"),
            ])
        }
        lines.append(contentsOf: TextTable(header: nil, rows: series).lines(style: style).map { "  " + $0 })
        lines.append("")
        lines.append(style("Periods", .bold))
        lines.append(contentsOf: periodTable(trend).map { "  " + $0 })
        lines.append("  calls attended/held · QBR attendees exec/director/manager/individual · commitments made/fulfilled/missed · opportunities shared/received")
        lines.append("")
        lines.append(style("Red flags", .bold))
        if trend.flags.isEmpty { lines.append("  none standing") }
        for flag in trend.flags {
            let since = flag.firstRaised.map { ", since \($0)" } ?? ""
            let label = "\(ReportNumbers.flagTitle(flag.kind)): \(FlagLabel(kind: flag.kind, party: flag.party, severity: flag.severity).text)\(since)"
            lines.append("  " + style("! " + label, flag.severity == .critical ? .red : .yellow))
            for rule in flag.rules {
                lines.append("      \(rule.id): \(rule.explanation)")
                lines.append(contentsOf: evidenceLine(rule.evidence))
            }
        }
        lines.append("")
        let verdict = trend.verdict
        lines.append(
            style("Verdict: \(ReportNumbers.verdict(verdict.verdict)) (\(ReportNumbers.percent(verdict.confidence)))", .bold)
                + " · recorded as \(verdict.recordedAs.rawValue)")
        if let statement = verdict.statement { lines.append("  " + style(statement, .yellow)) }
        lines.append("  " + ReportNumbers.healthAndVerdict)
        if verdict.verdict == .emerging, !verdict.reasons.isEmpty { lines.append("  Closest rule:") }
        for reason in verdict.reasons {
            lines.append("  \(reason.holds ? "✓" : "✗") \(reason.id): \(reason.explanation)")
            lines.append(contentsOf: evidenceLine(reason.evidence))
        }
        return lines
    }

    private func periodTable(_ trend: PartnershipTrend) -> [String] {
        var rows: [[TextCell]] = []
        for point in trend.periods {
            for (index, party) in point.parties.enumerated() {
                let lead = index == 0
                    ? [TextCell(point.period + (point.isWhole ? "" : "*")), TextCell("\(point.eventCount)"),
                       TextCell(ReportNumbers.score(point.health)), bandCell(point.band)]
                    : [TextCell(""), TextCell(""), TextCell(""), TextCell("")]
                rows.append(lead + [
                    TextCell(party.party), TextCell(ReportNumbers.score(party.engagement)), TextCell(ReportNumbers.calls(party)),
                    TextCell("\(party.meetingsCancelled)"), TextCell("\(party.meetingsMissed)"),
                    TextCell(ReportNumbers.seniority(party.qbrAttendees)), TextCell(ReportNumbers.commitments(party)),
                    TextCell(ReportNumbers.opportunities(party)), TextCell(ReportNumbers.score(party.transparency)),
                ])
            }
        }
        let header = ["PERIOD", "EVENTS", "HEALTH", "BAND", "PARTY", "ENGAGEMENT", "CALLS", "CANCELLED", "MISSED", "QBR", "COMMITMENTS", "OPPORTUNITIES", "TRANSPARENCY"]
        var lines = TextTable(header: header, rows: rows).lines(style: style)
        if trend.periods.contains(where: { !$0.isWhole }) { lines.append("* part of the period falls outside the range") }
        return lines
    }

    private func evidenceLine(_ ids: [String]) -> [String] {
        guard !ids.isEmpty else { return [] }
        return ["        " + style("events: " + ReportNumbers.evidence(ids) { $0 }, .dim)]
    }

    private func endpoints(_ values: [Double?]) -> String {
        let present = values.compactMap { $0 }
        guard let first = present.first, let last = present.last else { return "no data" }
        return "\(ReportNumbers.score(first)) → \(ReportNumbers.score(last))"
    }

    private func bandCell(_ band: HealthBand) -> TextCell {
        TextCell(band.rawValue, Self.bandStyle(band))
    }

    private func styledBand(_ band: HealthBand) -> String {
        style(band.rawValue, Self.bandStyle(band))
    }

    static func bandStyle(_ band: HealthBand) -> TextStyle {
        switch band {
        case .green: .green
        case .yellow: .yellow
        case .red: .red
        case .insufficientEvidence: .dim
        }
    }

    private func style(_ text: String, _ style: TextStyle?) -> String {
        guard colour, let style else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }
}

/// ANSI styles of the text report.
enum TextStyle: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
}

/// A cell of a text table: its text and an optional style applied after padding.
struct TextCell {
    let text: String
    let style: TextStyle?

    init(_ text: String, _ style: TextStyle? = nil) {
        self.text = text
        self.style = style
    }
}

/// Columns aligned on the visible width of their text; the last column is left unpadded.
struct TextTable {
    let header: [String]?
    let rows: [[TextCell]]

    func lines(style: (String, TextStyle?) -> String) -> [String] {
        let all = (header.map { [$0.map { TextCell($0, .bold) }] } ?? []) + rows
        guard let columns = all.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.text.count) }
        }
        return all.map { row in
            let cells = row.enumerated().map { index, cell in
                let padded = index == row.count - 1 ? cell.text : cell.text + String(repeating: " ", count: widths[index] - cell.text.count)
                return style(padded, cell.style)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}

extension String {
    /// The string, or `replacement` when it is empty.
    func ifEmpty(_ replacement: String) -> String {
        isEmpty ? replacement : self
    }
}

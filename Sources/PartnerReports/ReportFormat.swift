import Foundation
import PartnerDomain
import PartnerProjections

/// The formats a ``TrendReport`` renders to.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned text for the terminal, with sparklines.
    case text
    /// Markdown tables for pasting into documents.
    case markdown
    /// One self-contained HTML page with inline SVG charts, for the screen and for print.
    case html
    /// JSON that validates against `Schemas/report.schema.json`.
    case json
    /// The period series, one row per partnership, period and party.
    case csv

    /// The format a file name's extension implies: `.txt`, `.md`, `.html`/`.htm`, `.json`, `.csv`; nil otherwise.
    public static func implied(byFileName name: String) -> ReportFormat? {
        switch (name as NSString).pathExtension.lowercased() {
        case "txt", "text": .text
        case "md", "markdown": .markdown
        case "html", "htm": .html
        case "json": .json
        case "csv": .csv
        default: nil
        }
    }

    /// The report in this format; `colour` applies to text only (ANSI styles).
    public func render(_ report: TrendReport, colour: Bool = false) -> String {
        switch self {
        case .text: TextReport(colour: colour).render(report)
        case .markdown: MarkdownReport().render(report)
        case .html: HTMLReport().render(report)
        case .json: JSONReport.render(report)
        case .csv: CSVReport.render(report)
        }
    }
}

/// How every format prints numbers, dates and names, so that they agree (and the command line with them).
public enum ReportNumbers {
    /// Said beside every verdict: the two answer different questions.
    public static let healthAndVerdict =
        "Health and the verdict answer different questions: health is how well the relationship is run, the verdict what kind of relationship it is. A green supplier/customer relationship is still not a partnership."

    /// A score with one decimal, or `—` without one.
    public static func score(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "—"
    }

    /// A share as a whole percentage.
    public static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }

    /// The arrow as a symbol: `↑`, `↓`, `→`, or `·` when unavailable.
    public static func arrow(_ arrow: TrendArrow) -> String {
        switch arrow {
        case .up: "↑"
        case .down: "↓"
        case .flat: "→"
        case .unavailable: "·"
        }
    }

    /// Eight-level bars for scores 0...100; `·` where a period has none.
    static func sparkline(_ values: [Double?]) -> String {
        let levels = Array("▁▂▃▄▅▆▇█")
        return String(values.map { value in
            guard let value else { return "·" }
            return levels[min(levels.count - 1, max(0, Int(value / 100 * Double(levels.count))))]
        })
    }

    /// Eight-level bars for counts, scaled to the largest; `▁` for zero.
    static func countSparkline(_ values: [Int]) -> String {
        let top = values.max() ?? 0
        guard top > 0 else { return String(repeating: "▁", count: values.count) }
        return sparkline(values.map { Double($0) / Double(top) * 99.9 })
    }

    /// `2025-01-01 – 2025-12-31 by quarter`, with `known at …` when set.
    static func range(_ range: ReportRange) -> String {
        "\(range.from) – \(range.to) by \(range.period.rawValue)"
            + (range.knownAt.map { ", as known at \(minute($0))" } ?? "")
    }

    /// `2025-03-01 09:30 UTC`.
    static func minute(_ timestamp: Timestamp) -> String {
        let text = timestamp.description
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5)) + " UTC"
    }

    /// The verdict in words: `supplier/customer`.
    static func verdict(_ verdict: RelationshipVerdict) -> String {
        switch verdict {
        case .truePartnership: "true partnership"
        case .supplierCustomer: "supplier/customer"
        case .commercialAgreement: "commercial agreement"
        case .marketingStrategy: "marketing strategy"
        case .technologySharing: "technology sharing"
        case .emerging: "emerging"
        }
    }

    /// The flag kind in words.
    static func flagTitle(_ kind: RedFlagKind) -> String {
        switch kind {
        case .shortTermGain: "Short-term gain"
        case .upfrontInvestment: "Upfront investment souring"
        case .noCollaborationAppetite: "No appetite for collaboration"
        case .misalignedObjectives: "Misaligned objectives"
        case .littleTransparency: "Little transparency"
        case .poorOperationalEngagement: "Poor operational engagement"
        case .blindSpot: "Blind spot"
        }
    }

    /// The evidence ids listed before `+N more`.
    static let evidenceShown = 6

    /// The first ``evidenceShown`` ids, short and each passed through `code`, then `+N more`.
    static func evidence(_ ids: [String], code: (String) -> String) -> String {
        let shown = ids.prefix(evidenceShown).map { code(shortID($0)) }.joined(separator: " ")
        return ids.count > evidenceShown ? shown + " +\(ids.count - evidenceShown) more" : shown
    }

    /// A short event id: its first eight hex digits.
    static func shortID(_ id: String) -> String {
        String(id.prefix(8))
    }

    /// The engagement figure `held/attended` of calls.
    static func calls(_ party: PartyPeriod) -> String {
        "\(party.callsAttended)/\(party.callsHeld)"
    }

    /// QBR attendees `e/d/m/i`.
    static func seniority(_ counts: SeniorityCounts) -> String {
        "\(counts.exec)/\(counts.director)/\(counts.manager)/\(counts.individual)"
    }

    /// Commitments `made/fulfilled/missed`.
    static func commitments(_ party: PartyPeriod) -> String {
        "\(party.commitmentsMade)/\(party.commitmentsFulfilled)/\(party.commitmentsMissed)"
    }

    /// Opportunities `shared/received`.
    static func opportunities(_ party: PartyPeriod) -> String {
        "\(party.opportunitiesShared)/\(party.opportunitiesReceived)"
    }
}

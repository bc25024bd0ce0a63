import Foundation
import PartnerDomain
import PartnerProjections

/// A report as one self-contained HTML page: inline CSS and SVG, no script, no network, readable in print.
struct HTMLReport {
    /// Colours of the parties' lines and bars, in declaration order.
    static let partyColours = ["#2f6fb0", "#d9822b", "#3c9d5d", "#8e5ab5", "#b5485a"]

    func render(_ report: TrendReport) -> String {
        let title = report.scope == .portfolio
            ? "Portfolio trend report"
            : "Trend report: " + (report.partnerships.first?.name ?? "no partnership")
        var html: [String] = [
            "<!DOCTYPE html>",
            #"<html lang="en">"#,
            "<head>",
            #"<meta charset="utf-8">"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            "<title>\(escape(title))</title>",
            "<style>\(Self.styleSheet)</style>",
            "</head>",
            "<body>",
            "<header>",
            "<h1>\(escape(title))</h1>",
            #"<p class="meta">\#(escape(ReportNumbers.range(report.range))) · as of \#(escape(ReportNumbers.minute(report.asOf))) · scoring model <code>\#(escape(report.modelVersion))</code></p>"#,
            #"<p class="seal">Computed from the ledger at head <b>#\#(report.ledger.headPosition)</b>, chain digest <code>\#(escape(report.ledger.headDigest))</code>.</p>"#,
            "</header>",
        ]
        if report.partnerships.isEmpty {
            html.append("<p>No partnership was opened by \(report.range.to).</p>")
        }
        if report.scope == .portfolio, !report.portfolio.isEmpty {
            html.append(contentsOf: portfolio(report.portfolio))
        }
        for trend in report.partnerships {
            html.append(contentsOf: section(trend, report: report))
        }
        html.append(#"<footer><p>Scores follow scoring model <code>\#(escape(report.modelVersion))</code>: green from \#(ReportNumbers.score(report.bands.greenFrom)), yellow from \#(ReportNumbers.score(report.bands.yellowFrom)), red below. Event ids are the ledger's; <code>pledger verify</code> recomputes the chain and must end at the digest above.</p></footer>"#)
        html.append("</body>")
        html.append("</html>")
        return html.joined(separator: "\n") + "\n"
    }

    private func portfolio(_ lines: [PortfolioLine]) -> [String] {
        let ranked = lines.filter { $0.rank != nil }
        let onboarding = lines.filter { $0.rank == nil }
        var html = [#"<section class="portfolio">"#]
        if !ranked.isEmpty {
            html.append("<h2>Portfolio, riskiest first</h2>")
            html += portfolioTable(ranked)
        }
        if !onboarding.isEmpty {
            html.append("<h2>Onboarding: not enough evidence yet for a band, not ranked</h2>")
            html += portfolioTable(onboarding)
        }
        html.append("</section>")
        return html
    }

    private func portfolioTable(_ lines: [PortfolioLine]) -> [String] {
        var html = ["<table>",
                    "<thead><tr><th>Rank</th><th>Partnership</th><th>Health</th><th>Band</th><th>Arrow</th><th>Engagement</th><th>Verdict</th><th>Top flags</th></tr></thead>", "<tbody>"]
        for line in lines {
            let flags = line.topFlags.isEmpty ? "none" : line.topFlags.map { escape($0.text) }.joined(separator: "<br>")
            html.append(
                "<tr><td>\(line.rank.map(String.init) ?? "—")</td><td><a href=\"#p-\(escape(line.partnership))\">\(escape(line.name))</a> <code>\(escape(line.partnership))</code></td>"
                    + "<td class=\"num\">\(ReportNumbers.score(line.score))</td><td>\(badge(line.band))</td><td>\(ReportNumbers.arrow(line.arrow))</td>"
                    + "<td>\(line.engagementTrend.rawValue)</td><td>\(escape(ReportNumbers.verdict(line.verdict)))</td><td>\(flags)</td></tr>")
        }
        html.append(contentsOf: ["</tbody>", "</table>"])
        return html
    }

    private func section(_ trend: PartnershipTrend, report: TrendReport) -> [String] {
        var html = [#"<section class="partnership" id="p-\#(escape(trend.partnership))">"#]
        html.append("<h2>\(escape(trend.name)) <code>\(escape(trend.partnership))</code>\(trend.isClosed ? " (closed)" : "")</h2>")
        let parties = trend.parties.map { "\(escape($0.name)) (<code>\(escape($0.id))</code>)" }.joined(separator: ", ")
        html.append("<p class=\"parties\">\(parties) · recorded as \(escape(trend.label.rawValue))</p>")
        html.append(#"<div class="cards">"#)
        html.append(card("Health", "\(ReportNumbers.score(trend.health.score)) \(ReportNumbers.arrow(trend.health.arrow))", badge(trend.health.band)))
        html.append(card("Engagement trend", trend.engagementTrend.rawValue, "weakest party, last complete months"))
        html.append(card(
            "Verdict", escape(ReportNumbers.verdict(trend.verdict.verdict)),
            "\(ReportNumbers.percent(trend.verdict.confidence)) confidence"))
        html.append(card("Red flags", "\(trend.flags.count)", "\(trend.flags.filter { $0.severity == .critical }.count) critical"))
        html.append(card("Events in range", "\(trend.eventCount)", "\(trend.periods.count) \(report.range.period.rawValue)s"))
        html.append("</div>")
        if let reason = trend.health.mainReason {
            html.append("<p class=\"why\">\(escape(reason.prefix(1).uppercased() + reason.dropFirst())).</p>")
        }
        if !trend.revenue.isEmpty {
            html.append(#"<ul class="revenue">"#)
            for line in trend.revenue {
                html.append("<li>Revenue, \(escape(line.sentence))</li>")
            }
            html.append("</ul>")
        }
        if !trend.periods.isEmpty {
            html.append(contentsOf: charts(trend, report: report))
        }
        html.append(contentsOf: flags(trend.flags))
        html.append(contentsOf: verdict(trend.verdict))
        if !trend.periods.isEmpty {
            html.append(contentsOf: periodTable(trend))
        }
        html.append("</section>")
        return html
    }

    private func charts(_ trend: PartnershipTrend, report: TrendReport) -> [String] {
        let labels = trend.periods.map(\.period)
        let chart = SVGChart(labels: labels)
        let parties = trend.parties.map(\.id)
        func colour(_ index: Int) -> String { Self.partyColours[index % Self.partyColours.count] }
        func counts(_ party: String, _ value: (PartyPeriod) -> Int) -> [Int] {
            trend.periods.map { $0.party(party).map(value) ?? 0 }
        }
        var figures: [String] = []
        let bands = [
            ChartBand(from: 0, to: report.bands.yellowFrom, colour: "#f9e0dd", label: "red"),
            ChartBand(from: report.bands.yellowFrom, to: report.bands.greenFrom, colour: "#fbf1d0", label: "yellow"),
            ChartBand(from: report.bands.greenFrom, to: 100, colour: "#def0e2", label: "green"),
        ]
        figures.append(figure(
            "Health at each period's end, against its bands",
            chart.lines(title: "Health of \(trend.name) by \(report.range.period.rawValue)",
                        series: [LineSeries(name: "health", colour: "#1d2b3a", values: trend.periods.map(\.health))], bands: bands)))
        for (index, party) in parties.enumerated() {
            figures.append(figure(
                "Engagement of \(party): calls and meetings per period",
                chart.bars(title: "Engagement of \(party) by \(report.range.period.rawValue)", series: [
                    BarSeries(name: "calls held", colour: "#a9b4c0", values: counts(party, \.callsHeld)),
                    BarSeries(name: "attended by \(party)", colour: colour(index), values: counts(party, \.callsAttended)),
                    BarSeries(name: "cancelled by \(party)", colour: "#e0a526", values: counts(party, \.meetingsCancelled)),
                    BarSeries(name: "missed by \(party)", colour: "#c0392b", values: counts(party, \.meetingsMissed)),
                ], stacked: false)))
        }
        for party in parties {
            figures.append(figure(
                "QBR attendance of \(party) by seniority",
                chart.bars(title: "QBR attendees of \(party) by seniority", series: [
                    BarSeries(name: "executive", colour: "#1b3a5c", values: counts(party, \.qbrAttendees.exec)),
                    BarSeries(name: "director", colour: "#3f6f9f", values: counts(party, \.qbrAttendees.director)),
                    BarSeries(name: "manager", colour: "#7fa7cf", values: counts(party, \.qbrAttendees.manager)),
                    BarSeries(name: "individual", colour: "#c5d8ea", values: counts(party, \.qbrAttendees.individual)),
                ], stacked: true)))
        }
        for party in parties {
            figures.append(figure(
                "Commitments of \(party): made, fulfilled and missed",
                chart.bars(title: "Commitments of \(party) by \(report.range.period.rawValue)", series: [
                    BarSeries(name: "made", colour: "#7b8794", values: counts(party, \.commitmentsMade)),
                    BarSeries(name: "fulfilled", colour: "#2e8b57", values: counts(party, \.commitmentsFulfilled)),
                    BarSeries(name: "missed", colour: "#c0392b", values: counts(party, \.commitmentsMissed)),
                ], stacked: false)))
        }
        if parties.count == 2 {
            figures.append(figure(
                "Opportunities flowing each way",
                chart.mirrored(
                    title: "Opportunities shared between \(parties[0]) and \(parties[1])",
                    up: BarSeries(name: "\(parties[0]) → \(parties[1])", colour: colour(0), values: counts(parties[0], \.opportunitiesShared)),
                    down: BarSeries(name: "\(parties[1]) → \(parties[0])", colour: colour(1), values: counts(parties[1], \.opportunitiesShared)))))
        } else {
            figures.append(figure(
                "Opportunities shared by each party",
                chart.bars(title: "Opportunities shared by each party", series: parties.enumerated().map { index, party in
                    BarSeries(name: "from \(party)", colour: colour(index), values: counts(party, \.opportunitiesShared))
                }, stacked: false)))
        }
        figures.append(figure(
            "Transparency of each party at each period's end",
            chart.lines(title: "Transparency by party", series: parties.enumerated().map { index, party in
                LineSeries(name: party, colour: colour(index), values: trend.periods.map { $0.party(party)?.transparency })
            })))
        return [#"<div class="charts">"#] + figures + ["</div>"]
    }

    private func flags(_ flags: [ReportFlag]) -> [String] {
        var html = ["<h3>Red flags</h3>"]
        guard !flags.isEmpty else { return html + [#"<p class="none">None standing.</p>"#] }
        html.append(#"<ul class="flags">"#)
        for flag in flags {
            let about = [flag.party, flag.severity.rawValue].compactMap { $0 }.joined(separator: ", ")
            let since = flag.firstRaised.map { ", since \($0)" } ?? ""
            html.append(#"<li class="\#(flag.severity.rawValue)"><b>\#(escape(ReportNumbers.flagTitle(flag.kind)))</b> (\#(escape(about))\#(since))<ul>"#)
            for rule in flag.rules {
                html.append("<li><code>\(escape(rule.id))</code>: \(escape(rule.explanation))\(evidence(rule.evidence))</li>")
            }
            html.append("</ul></li>")
        }
        html.append("</ul>")
        return html
    }

    private func verdict(_ verdict: ReportVerdict) -> [String] {
        var html = [
            "<h3>What this relationship is</h3>",
            "<p><b>\(escape(ReportNumbers.verdict(verdict.verdict)))</b>, \(ReportNumbers.percent(verdict.confidence)) confidence; recorded as \(escape(verdict.recordedAs.rawValue)).</p>",
        ]
        html.append("<p class=\"note\">\(escape(ReportNumbers.healthAndVerdict))</p>")
        if let statement = verdict.statement {
            html.append(#"<p class="statement">\#(escape(statement))</p>"#)
        }
        guard !verdict.reasons.isEmpty else { return html }
        if verdict.verdict == .emerging { html.append("<p>The rule that came closest:</p>") }
        html.append(#"<ul class="reasons">"#)
        for reason in verdict.reasons {
            html.append(#"<li class="\#(reason.holds ? "holds" : "fails")">\#(reason.holds ? "✓" : "✗") <code>\#(escape(reason.id))</code>: \#(escape(reason.explanation))\#(evidence(reason.evidence))</li>"#)
        }
        html.append("</ul>")
        return html
    }

    private func periodTable(_ trend: PartnershipTrend) -> [String] {
        var html = ["<h3>Periods</h3>", #"<table class="periods">"#,
                    "<thead><tr><th>Period</th><th>Events</th><th>Health</th><th>Party</th><th>Engagement</th><th>Calls att./held</th><th>Canc.</th><th>Missed</th><th>QBR e/d/m/i</th><th>Commit. m/f/x</th><th>Opp. out/in</th><th>Transparency</th></tr></thead>",
                    "<tbody>"]
        for point in trend.periods {
            for (index, party) in point.parties.enumerated() {
                let lead = index == 0
                    ? #"<td rowspan="\#(point.parties.count)">\#(point.period)\#(point.isWhole ? "" : "*")</td><td rowspan="\#(point.parties.count)" class="num">\#(point.eventCount)</td><td rowspan="\#(point.parties.count)" class="num">\#(dot(point.band)) \#(ReportNumbers.score(point.health))</td>"#
                    : ""
                html.append(
                    "<tr>\(lead)<td><code>\(escape(party.party))</code></td><td class=\"num\">\(ReportNumbers.score(party.engagement))</td>"
                        + "<td class=\"num\">\(ReportNumbers.calls(party))</td><td class=\"num\">\(party.meetingsCancelled)</td>"
                        + "<td class=\"num\">\(party.meetingsMissed)</td><td class=\"num\">\(ReportNumbers.seniority(party.qbrAttendees))</td>"
                        + "<td class=\"num\">\(ReportNumbers.commitments(party))</td><td class=\"num\">\(ReportNumbers.opportunities(party))</td>"
                        + "<td class=\"num\">\(ReportNumbers.score(party.transparency))</td></tr>")
            }
        }
        html.append(contentsOf: ["</tbody>", "</table>"])
        let clipped = trend.periods.contains { !$0.isWhole } ? " * Part of the period falls outside the range." : ""
        html.append(#"<p class="note">Calls attended by the party / held; meetings cancelled and missed by the party; QBR attendees executive/director/manager/individual; commitments made/fulfilled/missed; opportunities shared/received. Health at the period's end.\#(clipped)</p>"#)
        return html
    }

    private func figure(_ caption: String, _ svg: String) -> String {
        "<figure>\n\(svg)\n<figcaption>\(escape(caption))</figcaption>\n</figure>"
    }

    private func card(_ title: String, _ value: String, _ note: String) -> String {
        #"<div class="card"><div class="label">\#(escape(title))</div><div class="value">\#(value)</div><div class="note">\#(note)</div></div>"#
    }

    private func dot(_ band: HealthBand) -> String {
        #"<span class="dot \#(band.rawValue)" title="\#(band.rawValue)"></span>"#
    }

    private func badge(_ band: HealthBand) -> String {
        #"<span class="badge \#(band.rawValue)">\#(band.rawValue)</span>"#
    }

    private func evidence(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "" }
        let codes = ids.map { #"<code title="\#(escape($0))">\#(escape(ReportNumbers.shortID($0)))</code>"# }.joined(separator: " ")
        return #" <span class="evidence">events \#(codes)</span>"#
    }

    static let styleSheet = """
        :root { color-scheme: light; --ink: #1d2b3a; --muted: #5d6b79; --rule: #d9dee4; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink); max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 21px; margin: 36px 0 6px; padding-top: 12px; border-top: 2px solid var(--ink); }
        h3 { font-size: 16px; margin: 22px 0 6px; }
        code { font: 12.5px/1.3 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f1f3f5; padding: 0 3px; border-radius: 3px; word-break: break-all; }
        .meta, .parties, .note, footer { color: var(--muted); }
        .seal { margin: 4px 0 0; font-size: 13px; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        th { background: #f4f6f8; }
        td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
        table code { word-break: normal; white-space: nowrap; }
        table.periods { font-size: 12px; }
        table.periods th, table.periods td { padding: 3px 6px; }
        table.periods td { white-space: nowrap; }
        .evidence code { word-break: normal; white-space: nowrap; }
        .dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; vertical-align: baseline; }
        .dot.green { background: #2e8b57; } .dot.yellow { background: #c79100; } .dot.red { background: #c0392b; }
        .dot.insufficient-evidence { background: #fff; border: 1.5px solid #7b8794; }
        .badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; font-weight: 600; color: #fff; }
        .badge.green { background: #2e8b57; } .badge.yellow { background: #c79100; } .badge.red { background: #c0392b; }
        .badge.insufficient-evidence { background: #7b8794; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
        .card { flex: 1 1 150px; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; }
        .card .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .card .value { font-size: 22px; font-weight: 600; }
        .card .note { font-size: 12px; color: var(--muted); }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 8px 18px; }
        figure { margin: 6px 0; break-inside: avoid; }
        figcaption { font-size: 12.5px; color: var(--muted); text-align: center; }
        svg.chart { width: 100%; height: auto; display: block; }
        svg.chart text { font: 11px "DejaVu Sans", Helvetica, Arial, sans-serif; fill: #44515e; }
        svg.chart text.legend { fill: var(--ink); }
        svg.chart text.band { fill: #8a96a3; font-size: 10px; }
        svg.chart line.grid { stroke: #e3e7eb; stroke-width: 1; }
        svg.chart line.axis { stroke: #8a96a3; stroke-width: 1; }
        ul.flags > li { margin-bottom: 6px; }
        ul.flags > li.critical > b { color: #c0392b; }
        ul.flags > li.warning > b { color: #a86f00; }
        ul.reasons { list-style: none; padding-left: 8px; }
        li.holds { color: var(--ink); } li.fails { color: var(--muted); }
        .evidence { color: var(--muted); font-size: 12px; }
        .statement { font-weight: 600; border-left: 4px solid #c0392b; padding: 4px 10px; background: #fbecea; }
        footer { margin-top: 40px; font-size: 12.5px; border-top: 1px solid var(--rule); padding-top: 8px; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11.5px; }
          section.partnership { break-before: page; }
          h2 { border-top: none; }
          .charts { grid-template-columns: 1fr 1fr; }
          table { font-size: 10.5px; }
          tr { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          .badge, .dot, .statement, th, code { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PartnerProjections
import PartnerReports
import Testing

/// The HTML report: one self-contained page whose charts are well-formed SVG.
@Suite("HTML report")
struct HTMLReportTests {
    static let html = ReportFormat.html.render(FixedLedger.portfolio(period: .month))

    /// Every `<svg …>…</svg>` element of the page, in order.
    static func svgElements(_ html: String) -> [String] {
        var elements: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            elements.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return elements
    }

    /// Collects the element names of a document and whether it parsed.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        var titles: [String] = []
        private var inTitle = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(name)
            inTitle = name == "title"
            if inTitle { titles.append("") }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inTitle { titles[titles.count - 1] += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            inTitle = false
        }
    }

    @Test func everySVGParsesAsXML() throws {
        let svgs = Self.svgElements(Self.html)
        // Per partnership: health, engagement and QBR seniority per party, commitments per party, opportunities, transparency.
        #expect(svgs.count == 2 * (1 + 2 + 2 + 2 + 1 + 1))
        for svg in svgs {
            let collector = Collector()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = collector
            #expect(parser.parse(), "does not parse: \(parser.parserError.map(String.init(describing:)) ?? "") in \(svg.prefix(200))")
            #expect(collector.elements.first == "svg")
            #expect(collector.elements.dropFirst().first == "title")
        }
    }

    @Test func theChartsTheReportPromisesAreThere() throws {
        let titles = Self.svgElements(Self.html).compactMap { svg -> String? in
            let collector = Collector()
            let parser = XMLParser(data: Data(svg.utf8))
            parser.delegate = collector
            return parser.parse() ? collector.titles.first : nil
        }
        for expected in [
            "Health of acme-initech by month", "Engagement of acme by month", "Engagement of globex by month",
            "QBR attendees of initech by seniority", "Commitments of globex by month",
            "Opportunities shared between acme and globex", "Transparency by party",
        ] {
            #expect(titles.contains(expected), "no chart titled \(expected): \(titles)")
        }
    }

    @Test func thePageNeedsNothingOutsideItself() {
        #expect(!Self.html.contains("<script"))
        #expect(!Self.html.contains("<link"))
        #expect(!Self.html.contains("<img"))
        #expect(!Self.html.contains("url("))
        let external = Self.html.components(separatedBy: "http").dropFirst().filter { !$0.hasPrefix("://www.w3.org/2000/svg") }
        #expect(external.isEmpty, "references outside the page: \(external.map { $0.prefix(40) })")
    }

    @Test func thePageNamesTheModelTheLedgerHeadAndEveryFlagAndVerdict() {
        let report = FixedLedger.portfolio(period: .month)
        #expect(Self.html.contains(FixedLedger.digest))
        #expect(Self.html.contains("#\(FixedLedger.eventCount)"))
        #expect(Self.html.contains(report.modelVersion))
        for trend in report.partnerships {
            for flag in trend.flags {
                for rule in flag.rules { #expect(Self.html.contains("<code>\(rule.id)</code>")) }
            }
            #expect(Self.html.contains(#"id="p-\#(trend.partnership)""#))
        }
        #expect(Self.html.contains("supplier/customer"))
        #expect(Self.html.contains("@media print"))
    }

    @Test func textIsEscaped() {
        var report = FixedLedger.portfolio()
        report.partnerships[0].name = "R&D <Alliance>"
        let html = ReportFormat.html.render(report)
        #expect(html.contains("R&amp;D &lt;Alliance&gt;"))
        #expect(!html.contains("R&D <Alliance>"))
    }
}

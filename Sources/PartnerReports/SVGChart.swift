import Foundation

/// A line of a line chart: its name, colour and one value per period (nil for a gap).
struct LineSeries {
    let name: String
    let colour: String
    let values: [Double?]
}

/// A series of a bar chart: its name, colour and one count per period.
struct BarSeries {
    let name: String
    let colour: String
    let values: [Int]
}

/// A shaded horizontal band of a line chart, such as the red band below 50.
struct ChartBand {
    let from: Double
    let to: Double
    let colour: String
    let label: String
}

/// Inline SVG charts: plain markup, no script, fixed view box, scaled by the page.
///
/// Every chart starts with a `<title>` for screen readers and draws its own
/// legend, so it reads the same on screen, in print and on its own.
struct SVGChart {
    /// The period labels on the x axis.
    let labels: [String]
    var width = 760.0
    var height = 230.0

    private let left = 44.0
    private let right = 12.0
    private let top = 30.0
    private let bottom = 34.0

    private var plotWidth: Double { width - left - right }
    private var plotHeight: Double { height - top - bottom }

    /// A line chart of scores 0...100 with optional shaded bands behind it.
    func lines(title: String, series: [LineSeries], bands: [ChartBand] = []) -> String {
        var body: [String] = []
        for band in bands {
            let upper = y(band.to, max: 100)
            let lower = y(band.from, max: 100)
            body.append(#"<rect x="\#(f(left))" y="\#(f(upper))" width="\#(f(plotWidth))" height="\#(f(lower - upper))" fill="\#(band.colour)"/>"#)
            body.append(#"<text x="\#(f(left + plotWidth - 4))" y="\#(f(upper + 11))" text-anchor="end" class="band">\#(escape(band.label))</text>"#)
        }
        body.append(contentsOf: axis(max: 100, ticks: [0, 25, 50, 75, 100]))
        for line in series {
            var segments: [[(Double, Double)]] = [[]]
            for (index, value) in line.values.enumerated() {
                guard let value else {
                    if !(segments.last?.isEmpty ?? true) { segments.append([]) }
                    continue
                }
                segments[segments.count - 1].append((center(index), y(value, max: 100)))
            }
            for segment in segments where segment.count > 1 {
                let points = segment.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
                body.append(#"<polyline points="\#(points)" fill="none" stroke="\#(line.colour)" stroke-width="2.2" stroke-linejoin="round"/>"#)
            }
            for segment in segments {
                for point in segment {
                    body.append(#"<circle cx="\#(f(point.0))" cy="\#(f(point.1))" r="2.6" fill="\#(line.colour)"/>"#)
                }
            }
        }
        body.append(legend(series.map { ($0.name, $0.colour) }))
        return svg(title: title, body: body)
    }

    /// A bar chart of counts per period: bars side by side, or stacked.
    func bars(title: String, series: [BarSeries], stacked: Bool) -> String {
        let periods = labels.count
        let totals = (0..<periods).map { index in
            stacked ? series.reduce(0) { $0 + ($1.values[safe: index] ?? 0) } : series.map { $0.values[safe: index] ?? 0 }.max() ?? 0
        }
        let ceiling = Self.niceCeiling(totals.max() ?? 0)
        var body = axis(max: Double(ceiling), ticks: [0, ceiling / 2, ceiling].uniqued().map(Double.init))
        let baseline = top + plotHeight
        let slot = plotWidth / Double(max(periods, 1))
        let groupWidth = slot * 0.78
        for index in 0..<periods {
            let start = left + slot * Double(index) + (slot - groupWidth) / 2
            var stackedSoFar = 0
            for (number, line) in series.enumerated() {
                let value = line.values[safe: index] ?? 0
                guard value > 0 else { continue }
                let tip = "\(labels[index]) \(line.name): \(value)"
                if stacked {
                    let upper = y(Double(stackedSoFar + value), max: Double(ceiling))
                    let lower = y(Double(stackedSoFar), max: Double(ceiling))
                    body.append(bar(x: start, y: upper, width: groupWidth, height: lower - upper, colour: line.colour, tip: tip))
                    stackedSoFar += value
                } else {
                    let barWidth = groupWidth / Double(series.count)
                    let upper = y(Double(value), max: Double(ceiling))
                    body.append(bar(
                        x: start + barWidth * Double(number), y: upper, width: max(barWidth - 0.6, 0.8),
                        height: baseline - upper, colour: line.colour, tip: tip))
                }
            }
        }
        body.append(legend(series.map { ($0.name, $0.colour) }))
        return svg(title: title, body: body)
    }

    /// Counts flowing two ways: `up` drawn above the axis, `down` below it.
    func mirrored(title: String, up: BarSeries, down: BarSeries) -> String {
        let ceiling = Self.niceCeiling(max(up.values.max() ?? 0, down.values.max() ?? 0))
        let half = plotHeight / 2
        let middle = top + half
        var body: [String] = []
        for (line, label, kind) in [(top, "\(ceiling)", "grid"), (middle, "0", "axis"), (top + plotHeight, "\(ceiling)", "grid")] {
            body.append(#"<line x1="\#(f(left))" y1="\#(f(line))" x2="\#(f(left + plotWidth))" y2="\#(f(line))" class="\#(kind)"/>"#)
            body.append(#"<text x="\#(f(left - 6))" y="\#(f(line + 4))" text-anchor="end">\#(label)</text>"#)
        }
        body.append(contentsOf: xLabels())
        let slot = plotWidth / Double(max(labels.count, 1))
        let barWidth = slot * 0.6
        for index in labels.indices {
            let start = left + slot * Double(index) + (slot - barWidth) / 2
            let above = Double(up.values[safe: index] ?? 0) / Double(ceiling) * half
            let below = Double(down.values[safe: index] ?? 0) / Double(ceiling) * half
            if above > 0 {
                body.append(bar(x: start, y: middle - above, width: barWidth, height: above, colour: up.colour, tip: "\(labels[index]) \(up.name): \(up.values[index])"))
            }
            if below > 0 {
                body.append(bar(x: start, y: middle, width: barWidth, height: below, colour: down.colour, tip: "\(labels[index]) \(down.name): \(down.values[index])"))
            }
        }
        body.append(legend([(up.name + " (above)", up.colour), (down.name + " (below)", down.colour)]))
        return svg(title: title, body: body)
    }

    // MARK: Parts

    private func svg(title: String, body: [String]) -> String {
        let head = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(f(width)) \#(f(height))" class="chart" role="img">"#
        return ([head, "<title>\(escape(title))</title>"] + body + ["</svg>"]).joined(separator: "\n")
    }

    private func axis(max: Double, ticks: [Double]) -> [String] {
        var parts: [String] = []
        for tick in ticks {
            let line = y(tick, max: max)
            parts.append(#"<line x1="\#(f(left))" y1="\#(f(line))" x2="\#(f(left + plotWidth))" y2="\#(f(line))" class="\#(tick == 0 ? "axis" : "grid")"/>"#)
            parts.append(#"<text x="\#(f(left - 6))" y="\#(f(line + 4))" text-anchor="end">\#(Self.tickLabel(tick))</text>"#)
        }
        return parts + xLabels()
    }

    private func xLabels() -> [String] {
        let step = Swift.max(1, Int((Double(labels.count) / 12).rounded(.up)))
        return labels.indices.filter { $0 % step == 0 || $0 == labels.count - 1 && labels.count <= 12 }.map { index in
            #"<text x="\#(f(center(index)))" y="\#(f(height - bottom + 16))" text-anchor="middle">\#(escape(labels[index]))</text>"#
        }
    }

    private func legend(_ entries: [(name: String, colour: String)]) -> String {
        var x = left
        var parts: [String] = []
        for entry in entries {
            parts.append(#"<rect x="\#(f(x))" y="9" width="11" height="11" fill="\#(entry.colour)"/>"#)
            parts.append(#"<text x="\#(f(x + 15))" y="19" class="legend">\#(escape(entry.name))</text>"#)
            x += 15 + Double(entry.name.count) * 6.4 + 16
        }
        return parts.joined(separator: "\n")
    }

    private func bar(x: Double, y: Double, width: Double, height: Double, colour: String, tip: String) -> String {
        #"<rect x="\#(f(x))" y="\#(f(y))" width="\#(f(width))" height="\#(f(Swift.max(height, 0)))" fill="\#(colour)"><title>\#(escape(tip))</title></rect>"#
    }

    private func center(_ index: Int) -> Double {
        left + plotWidth / Double(Swift.max(labels.count, 1)) * (Double(index) + 0.5)
    }

    private func y(_ value: Double, max: Double) -> Double {
        top + plotHeight * (1 - (max > 0 ? value / max : 0))
    }

    /// The smallest of 1, 2, 5 × 10ⁿ (at least 2) not below `value`, so that the axis has round ticks.
    static func niceCeiling(_ value: Int) -> Int {
        guard value > 2 else { return 2 }
        var magnitude = 1
        while magnitude * 10 < value { magnitude *= 10 }
        for step in [1, 2, 4, 5, 10] where step * magnitude >= value {
            return step * magnitude
        }
        return value
    }

    private static func tickLabel(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}

/// Text with the five XML special characters escaped, for SVG and HTML alike.
func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&#39;"
        default: escaped.append(character)
        }
    }
    return escaped
}

extension Array {
    /// The element at `index`, or nil past the end.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

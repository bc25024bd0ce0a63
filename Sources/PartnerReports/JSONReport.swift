import Foundation

/// A report as JSON: keys sorted, indented, so that the same report gives the same bytes.
enum JSONReport {
    static func render(_ report: TrendReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // Encoding plain value types with string keys cannot fail.
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

import Foundation
import PartnerLedger

/// Where output goes and how it looks: colour on a terminal unless `NO_COLOR` is set, plain
/// text when piped, JSON for scripts.
enum Terminal {
    /// Whether standard output is a terminal that takes colour.
    static let isColourful = isatty(STDOUT_FILENO) == 1 && !noColour
    /// Whether standard error is a terminal that takes colour.
    static let isErrorColourful = isatty(STDERR_FILENO) == 1 && !noColour
    /// Whether standard error is a terminal, where progress bars may be drawn.
    static let isErrorTerminal = isatty(STDERR_FILENO) == 1

    private static var noColour: Bool {
        !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    }

    /// Styles text with an ANSI code when standard output takes colour.
    static func style(_ text: String, _ code: Style) -> String {
        isColourful ? "\u{1B}[\(code.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// ANSI styles.
    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    /// Prints `pledger: error: <message>` on standard error.
    static func printError(_ message: String) {
        let prefix = isErrorColourful ? "\u{1B}[31mpledger: error:\u{1B}[0m " : "pledger: error: "
        FileHandle.standardError.write(Data((prefix + message + "\n").utf8))
    }

    /// Prints `pledger: <message>` on standard error: a note about the work under way, not a failure.
    static func printNotice(_ message: String) {
        writeError("pledger: " + message + "\n")
    }

    /// Writes `text` on standard error as is.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Prints a value as JSON: keys sorted, one document.
    static func printJSON<Value: Encodable>(_ value: Value) throws {
        print(String(decoding: try jsonEncoder.encode(value), as: UTF8.self))
    }

    /// The encoder for `--json` output.
    static let jsonEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Lines of aligned columns; the last column is left unpadded.
    static func table(_ rows: [[String]], header: [String]? = nil) -> [String] {
        let all = (header.map { [$0] } ?? []) + rows
        guard let columns = all.map(\.count).max() else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in all {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func render(_ row: [String]) -> String {
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        var lines: [String] = []
        if let header { lines.append(style(render(header), .bold)) }
        lines.append(contentsOf: rows.map(render))
        return lines
    }

    /// `2025-03-01 09:30` (UTC), short enough for a table.
    static func minute(_ timestamp: Timestamp) -> String {
        let text = timestamp.description
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
}

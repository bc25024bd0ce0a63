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
    enum Style: String, CaseIterable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    /// Prints `pledger: error: <message>` on standard error, control characters escaped.
    static func printError(_ message: String) {
        let prefix = isErrorColourful ? "\u{1B}[31mpledger: error:\u{1B}[0m " : "pledger: error: "
        FileHandle.standardError.write(Data((prefix + safe(message, keepingStyles: false) + "\n").utf8))
    }

    /// `text` with every control character shown escaped, as `\u001b`, so that text stored in the
    /// ledger (a name holding `ESC]0;…` or `ESC[2J`) cannot act on the terminal; line feeds and
    /// tabs are kept. With `keepingStyles`, the colour codes ``style(_:_:)`` writes are kept too.
    ///
    /// C0 controls but line feed and tab, DEL, and the C1 controls U+0080 to U+009F are escaped.
    static func safe(_ text: String, keepingStyles: Bool) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", keepingStyles, let length = styleLength(scalars, at: index) {
                result.append(contentsOf: scalars[index..<(index + length)])
                index += length
                continue
            }
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                result.append(scalar)
            }
            index += 1
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    /// The length of the colour code at `index` when it is one pledger writes (`ESC[0m`, `ESC[1m`, `ESC[31m`…).
    private static func styleLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        for code in ["0"] + Style.allCases.map(\.rawValue) {
            let sequence = Array("\u{1B}[\(code)m".unicodeScalars)
            if index + sequence.count <= scalars.count, Array(scalars[index..<(index + sequence.count)]) == sequence {
                return sequence.count
            }
        }
        return nil
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
        // JSON stays exact: the encoder escapes what must be escaped.
        Swift.print(String(decoding: try jsonEncoder.encode(value), as: UTF8.self))
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

/// Every line pledger prints on standard output goes through here: the text with its control
/// characters escaped (``Terminal/safe(_:keepingStyles:)``), pledger's own colours kept on a
/// terminal. JSON is printed exactly, by ``Terminal/printJSON(_:)``.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Terminal.printLine(items.map { "\($0)" }.joined(separator: separator), terminator: terminator)
}

extension Terminal {
    /// Prints text on standard output with its control characters escaped, pledger's own colours
    /// kept on a terminal; for code where a method named `print` hides the global one.
    static func printLine(_ text: String, terminator: String = "\n") {
        Swift.print(safe(text, keepingStyles: isColourful), terminator: terminator)
    }
}

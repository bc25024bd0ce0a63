/// Finds where a JSON text stops being JSON, and in which field, to explain a malformed import line.
///
/// `JSONDecoder` only says that a document is not JSON; this scanner names the byte
/// column and the path of the member it was reading (`payload.owner`), which is what a user
/// needs to find the mistake in a long line.
enum JSONSyntax {
    struct Failure: Error, Equatable {
        /// The byte offset of the first offending byte (the end of the text when it ends early).
        let offset: Int
        /// The JSON path of the member being read, such as `payload.attendees[1].party`; empty at the top.
        let path: String
        /// What was expected or found.
        let reason: String
    }

    /// The deepest nesting an event may have, objects and arrays counted, the envelope included.
    /// Events nest four or five levels; the limit keeps every reader of a line within its stack.
    static let maximumDepth = 64

    /// Where `bytes` nest objects and arrays deeper than ``maximumDepth``, found without
    /// recursion (strings skipped), or nil when they do not.
    static func nestingFailure(in bytes: [UInt8]) -> Failure? {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > maximumDepth {
                    return Failure(offset: offset, path: "", reason: "nests objects and arrays deeper than \(maximumDepth) levels")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return nil
    }

    /// The first syntax error of `bytes`, or `nil` when they hold exactly one JSON value.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        if let deep = nestingFailure(in: bytes) { return deep }
        var scanner = Scanner(bytes: bytes)
        do throws(Failure) {
            scanner.skipWhitespace()
            try scanner.value()
            scanner.skipWhitespace()
            if scanner.index < bytes.count {
                throw scanner.failure("unexpected text after the end of the JSON object")
            }
            return nil
        } catch {
            return error
        }
    }

    private enum Component {
        case key(String)
        case index(Int)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var path: [Component] = []

        var pathText: String {
            path.reduce(into: "") { text, component in
                switch component {
                case .key(let key): text += text.isEmpty ? key : ".\(key)"
                case .index(let index): text += "[\(index)]"
                }
            }
        }

        func failure(_ reason: String) -> Failure {
            Failure(offset: index, path: pathText, reason: reason)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func describeCurrent() -> String {
            guard let byte = current else { return "the text ends" }
            if byte >= 0x20, byte < 0x7f { return "found '\(Character(Unicode.Scalar(byte)))'" }
            return "found byte 0x\(String(byte, radix: 16))"
        }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d { index += 1 }
        }

        mutating func value() throws(Failure) {
            switch current {
            case UInt8(ascii: "{"): try object()
            case UInt8(ascii: "["): try array()
            case UInt8(ascii: "\""): _ = try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case let byte? where byte == UInt8(ascii: "-") || (byte >= 0x30 && byte <= 0x39): try number()
            default: throw failure("expected a value, \(describeCurrent())")
            }
        }

        mutating func object() throws(Failure) {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return
            }
            let depth = path.count
            while true {
                guard current == UInt8(ascii: "\"") else { throw failure("expected a field name in quotes, \(describeCurrent())") }
                let key = try string()
                path.removeSubrange(depth...)
                path.append(.key(key))
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the field name, \(describeCurrent())") }
                index += 1
                skipWhitespace()
                try value()
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    continue
                }
                guard current == UInt8(ascii: "}") else { throw failure("expected ',' or '}' after the value, \(describeCurrent())") }
                index += 1
                path.removeSubrange(depth...)
                return
            }
        }

        mutating func array() throws(Failure) {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return
            }
            var element = 0
            while true {
                path.append(.index(element))
                try value()
                path.removeLast()
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    element += 1
                    continue
                }
                guard current == UInt8(ascii: "]") else {
                    path.append(.index(element))
                    throw failure("expected ',' or ']' after the element, \(describeCurrent())")
                }
                index += 1
                return
            }
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            var scalars: [UInt8] = []
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escaped = current else { throw failure("the text ends inside a string") }
                    if escaped == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            index += 1
                            guard let digit = current, digit.isHexDigit else { throw failure("expected four hex digits after \\u, \(describeCurrent())") }
                        }
                    } else if !Array(#""\/bfnrt"#.utf8).contains(escaped) {
                        throw failure("\\\(Character(Unicode.Scalar(escaped))) is not a JSON escape")
                    }
                    index += 1
                case 0..<0x20:
                    throw failure("a control character (byte 0x\(String(byte, radix: 16))) appears inside a string; write it escaped, such as \\n")
                default:
                    scalars.append(byte)
                    index += 1
                }
            }
            throw failure("the text ends inside a string: a closing quote is missing")
        }

        mutating func literal(_ word: String) throws(Failure) {
            for expected in word.utf8 {
                guard current == expected else { throw failure("expected \(word), \(describeCurrent())") }
                index += 1
            }
        }

        mutating func number() throws(Failure) {
            let start = index
            try numberSyntax()
            // Valid JSON, but beyond what the ledger keeps exactly: say so rather than "not JSON".
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if let value = Double(text), value.isInfinite || (value != 0 && !(1e-127...1e127).contains(abs(value))) {
                index = start
                throw failure("the number \(text) is out of range: amounts and scores are kept exactly between 1e-127 and 1e127")
            }
        }

        mutating func numberSyntax() throws(Failure) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, first.isDigit else { throw failure("expected a digit, \(describeCurrent())") }
            index += 1
            if first != UInt8(ascii: "0") {
                while let byte = current, byte.isDigit { index += 1 }
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard let byte = current, byte.isDigit else { throw failure("expected a digit after the decimal point, \(describeCurrent())") }
                while let byte = current, byte.isDigit { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard let byte = current, byte.isDigit else { throw failure("expected a digit in the exponent, \(describeCurrent())") }
                while let byte = current, byte.isDigit { index += 1 }
            }
        }
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
}

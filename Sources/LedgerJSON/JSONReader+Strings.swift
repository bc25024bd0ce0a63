extension JSONReader {
    /// The raw contents of a string literal, between its quotes.
    struct StringSpan {
        /// Offset of the first byte after the opening quote.
        var start: Int
        /// Offset of the closing quote.
        var end: Int
        /// Whether the contents contain backslash escapes.
        var hasEscapes: Bool
        /// Whether the raw contents contain bytes above 0x7F.
        var hasNonASCII: Bool
    }

    /// Checks the string whose opening quote is at `position` and moves past
    /// its closing quote.
    ///
    /// Rejects unescaped control characters, malformed escapes, unpaired
    /// surrogates and ill-formed UTF-8, so the contents can later be turned
    /// into a `String` or unescaped without further checks. Ordinary ASCII is
    /// skipped eight bytes at a time, jumping straight to the first byte that
    /// needs a closer look.
    @inline(__always)
    mutating func scanString() throws(ParseFailure) -> StringSpan {
        let start = position + 1
        var index = start
        var hasEscapes = false
        var hasNonASCII = false
        while true {
            if index + 8 <= length {
                let flags = ByteClassification.needsEscapeOrNonASCIIFlags(ByteClassification.word(at: input + index))
                if flags == 0 {
                    index += 8
                    continue
                }
                index += flags.trailingZeroBitCount >> 3
            }
            guard index < length else { throw ParseFailure(.unterminatedString, at: length) }
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                position = index + 1
                return StringSpan(start: start, end: index, hasEscapes: hasEscapes, hasNonASCII: hasNonASCII)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                index = try checkEscape(at: index)
            case 0..<0x20:
                throw ParseFailure(.controlCharacterInString, at: index)
            case 0x20..<0x80:
                index += 1
            default:
                hasNonASCII = true
                index = try checkUTF8Sequence(at: index)
            }
        }
    }

    /// Checks the escape whose backslash is at `index`; returns the offset after it.
    private func checkEscape(at index: Int) throws(ParseFailure) -> Int {
        guard index + 1 < length else { throw ParseFailure(.unterminatedString, at: length) }
        switch input[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"),
             UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: index + 2, escapeAt: index)
            switch unit {
            case 0xD800...0xDBFF:
                guard index + 7 < length,
                      input[index + 6] == UInt8(ascii: "\\"),
                      input[index + 7] == UInt8(ascii: "u") else {
                    if index + 6 >= length || (index + 7 >= length && input[index + 6] == UInt8(ascii: "\\")) {
                        throw ParseFailure(.unterminatedString, at: length)
                    }
                    throw ParseFailure(.loneSurrogate, at: index)
                }
                let low = try hexQuad(at: index + 8, escapeAt: index + 6)
                guard (0xDC00...0xDFFF).contains(low) else { throw ParseFailure(.loneSurrogate, at: index) }
                return index + 12
            case 0xDC00...0xDFFF:
                throw ParseFailure(.loneSurrogate, at: index)
            default:
                return index + 6
            }
        default:
            throw ParseFailure(.invalidEscape, at: index)
        }
    }

    /// The value of the four hex digits at `index`, part of the `\u` escape at `escapeAt`.
    private func hexQuad(at index: Int, escapeAt: Int) throws(ParseFailure) -> UInt32 {
        var value: UInt32 = 0
        for offset in index..<(index + 4) {
            guard offset < length else { throw ParseFailure(.unterminatedString, at: length) }
            guard let digit = Self.hexDigitValue(input[offset]) else {
                throw ParseFailure(.invalidUnicodeEscape, at: escapeAt)
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Checks the multi-byte UTF-8 sequence whose lead byte is at `index`
    /// (Unicode Table 3-7: no overlong forms, no surrogates, nothing above
    /// U+10FFFF); returns the offset after it.
    private func checkUTF8Sequence(at index: Int) throws(ParseFailure) -> Int {
        let lead = input[index]
        let continuationCount: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; secondRange = 0x80...0x9F
        case 0xF0: continuationCount = 3; secondRange = 0x90...0xBF
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; secondRange = 0x80...0x8F
        default: throw ParseFailure(.invalidUTF8, at: index)
        }
        guard index + continuationCount < length else {
            throw ParseFailure(.invalidUTF8, at: index)
        }
        guard secondRange.contains(input[index + 1]) else { throw ParseFailure(.invalidUTF8, at: index) }
        var offset = index + 2
        while offset <= index + continuationCount {
            guard input[offset] & 0xC0 == 0x80 else { throw ParseFailure(.invalidUTF8, at: index) }
            offset += 1
        }
        return offset
    }

    /// Appends the unescaped form of `count` checked string bytes at `source` to `text`.
    static func unescape(_ source: UnsafePointer<UInt8>, count: Int, into text: inout ScratchStack<UInt8>) {
        var index = 0
        var runStart = 0
        while index < count {
            guard source[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            if index > runStart { text.append(source + runStart, length: index - runStart) }
            let kind = source[index + 1]
            switch kind {
            case UInt8(ascii: "b"): text.push(0x08)
            case UInt8(ascii: "f"): text.push(0x0C)
            case UInt8(ascii: "n"): text.push(0x0A)
            case UInt8(ascii: "r"): text.push(0x0D)
            case UInt8(ascii: "t"): text.push(0x09)
            case UInt8(ascii: "u"):
                let unit = checkedHexQuad(source + index + 2)
                if (0xD800...0xDBFF).contains(unit) {
                    let low = checkedHexQuad(source + index + 8)
                    text.appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                    index += 6
                } else {
                    text.appendUTF8(unit)
                }
                index += 4
            default: text.push(kind)
            }
            index += 2
            runStart = index
        }
        if index > runStart { text.append(source + runStart, length: index - runStart) }
    }

    /// The value of four hex digits already known to be valid.
    private static func checkedHexQuad(_ digits: UnsafePointer<UInt8>) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            value = value << 4 | hexDigitValue(digits[offset]).unsafelyUnwrapped
        }
        return value
    }
}

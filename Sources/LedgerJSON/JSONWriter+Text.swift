extension JSONWriter {
    /// Appends `text` as a quoted JSON string.
    ///
    /// Runs of bytes that need no escaping are found eight bytes at a time
    /// and copied in one piece.
    mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        let wasContiguous: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            if let base = utf8.baseAddress {
                appendEscaping(base, count: utf8.count)
            }
        }
        if wasContiguous == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { utf8 in
                if let base = utf8.baseAddress {
                    appendEscaping(base, count: utf8.count)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaping(_ base: UnsafePointer<UInt8>, count: Int) {
        var index = 0
        var runStart = 0
        while index < count {
            if index + 8 <= count {
                let flags = ByteClassification.needsEscapeFlags(ByteClassification.word(at: base + index))
                if flags == 0 {
                    index += 8
                    continue
                }
                index += flags.trailingZeroBitCount >> 3
            } else {
                let byte = base[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
            }
            if index > runStart {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            }
            appendEscape(for: base[index])
            index += 1
            runStart = index
        }
        if count > runStart {
            bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        }
    }

    /// Appends the escape sequence for a quote, a backslash or a control byte.
    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(Self.lowercaseHexDigit(byte >> 4))
            bytes.append(Self.lowercaseHexDigit(byte & 0x0F))
        }
    }

    private static func lowercaseHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// Appends ASCII text known at compile time.
    mutating func appendLiteral(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends a signed integer in decimal.
    mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude)
    }

    /// Appends the shortest text that reads back as `value`, which must be finite.
    mutating func appendDouble(_ value: Double) {
        precondition(value.isFinite, "JSONWriter cannot write \(value); JSON has no form for it")
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Appends the decimal digits of `value`.
    mutating func appendDecimal(_ value: UInt64) {
        let start = bytes.count
        var remaining = value
        repeat {
            let (quotient, digit) = remaining.quotientAndRemainder(dividingBy: 10)
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: digit))
            remaining = quotient
        } while remaining != 0
        bytes[start...].reverse()
    }
}

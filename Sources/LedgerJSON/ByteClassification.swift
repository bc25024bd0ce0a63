/// Word-at-a-time tests used to skip over ordinary string bytes quickly.
///
/// Each function looks at eight bytes loaded little-endian and returns the
/// high bit of every byte that qualifies. Bytes above the first qualifying
/// byte may be flagged spuriously (borrows propagate upward), so only the
/// lowest set bit is meaningful: `trailingZeroBitCount / 8` is the index of
/// the first qualifying byte, and zero means none qualifies.
enum ByteClassification {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Flags bytes that JSON requires to be escaped in a string: `"`, `\`
    /// and control characters below 0x20.
    @inline(__always)
    static func needsEscapeFlags(_ word: UInt64) -> UInt64 {
        let belowSpace = (word &- 0x20 &* ones) & ~word
        let quote = word ^ (0x22 &* ones)
        let backslash = word ^ (0x5C &* ones)
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (belowSpace | quoteZero | backslashZero) & highBits
    }

    /// Flags what `needsEscapeFlags` flags plus every byte above 0x7F.
    @inline(__always)
    static func needsEscapeOrNonASCIIFlags(_ word: UInt64) -> UInt64 {
        needsEscapeFlags(word) | (word & highBits)
    }

    /// Loads eight bytes at `pointer` as a little-endian word.
    @inline(__always)
    static func word(at pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }
}

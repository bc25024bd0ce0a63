/// Why and where a JSON text was rejected.
///
/// `offset` is the 0-based byte offset of the first byte that makes the text
/// invalid (the input length when the text ends too early). `line` and
/// `column` are 1-based and derived from the same offset: lines are counted
/// by `\n` bytes and columns count bytes, not characters, from the start of
/// the line.
public struct JSONError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What rule the text broke.
    public let reason: Reason
    /// 0-based byte offset of the offending byte.
    public let offset: Int
    /// 1-based line of the offending byte.
    public let line: Int
    /// 1-based byte column of the offending byte within its line.
    public let column: Int

    /// Creates an error for `reason` at byte `offset` of `input`, computing
    /// the line and column from the text before that offset.
    init(reason: Reason, offset: Int, in input: UnsafeRawBufferPointer) {
        var line = 1
        var lineStart = 0
        let end = min(offset, input.count)
        var index = 0
        while index < end {
            if input[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = offset - lineStart + 1
    }

    /// A sentence naming the position and the broken rule, for example
    /// `invalid JSON at line 1, column 17 (byte 16): expected ',' or '}' after an object member`.
    public var description: String {
        "invalid JSON at line \(line), column \(column) (byte \(offset)): \(reason)"
    }
}

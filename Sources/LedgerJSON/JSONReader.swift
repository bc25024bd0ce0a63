/// Reads one JSON text from raw bytes and reports it to a sink.
///
/// The reader enforces every rule the public API promises (RFC 8259, UTF-8,
/// unique keys, a nesting limit); sinks only decide what to keep, so parsing
/// and validating accept exactly the same texts. Nesting is tracked on an
/// explicit stack rather than by recursion, so no depth limit can exhaust the
/// call stack.
struct JSONReader: ~Copyable {
    /// An open object or array.
    private struct ContainerFrame {
        var isObject: Bool
        var memberCount: Int
        /// The key detector's count when the object opened.
        var firstKey: Int
        /// The text arena's count when the container opened.
        var textStart: Int
    }

    let input: UnsafePointer<UInt8>
    let length: Int
    let maxDepth: Int
    var position = 0

    private var frames: ScratchStack<ContainerFrame>
    private var keys: DuplicateKeyDetector
    /// The unescaped form of the open objects' keys that contain escapes,
    /// followed by that of the string value being read if it has escapes.
    private var text = ScratchStack<UInt8>()

    /// Prepares to read `input`, which must not be empty, with a `maxDepth`
    /// that is not negative, keeping open
    /// containers and their keys in the given storage until it runs out.
    private init(
        _ input: UnsafeRawBufferPointer,
        maxDepth: Int,
        frameStorage: UnsafeMutableBufferPointer<ContainerFrame>,
        keyStorage: UnsafeMutableBufferPointer<StoredKey>
    ) {
        self.input = input.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
        self.length = input.count
        self.maxDepth = maxDepth
        self.frames = ScratchStack(startingIn: frameStorage)
        self.keys = DuplicateKeyDetector(input: self.input, storage: keyStorage)
    }

    /// Runs `body` with a reader for `input`, which must not be empty.
    ///
    /// The reader's working stacks start in stack memory, so typical
    /// documents are read without heap allocations of the reader's own.
    static func withReader<Result>(
        for input: UnsafeRawBufferPointer,
        maxDepth: Int,
        _ body: (inout JSONReader) throws(ParseFailure) -> Result
    ) throws(ParseFailure) -> Result {
        try withUnsafeTemporaryAllocation(of: ContainerFrame.self, capacity: 16) { frames throws(ParseFailure) in
            try withUnsafeTemporaryAllocation(of: StoredKey.self, capacity: 32) { keys throws(ParseFailure) in
                var reader = JSONReader(input, maxDepth: maxDepth, frameStorage: frames, keyStorage: keys)
                return try body(&reader)
            }
        }
    }

    /// Reads the whole input as one JSON text, reporting it to `sink`.
    mutating func read<Sink: JSONEventSink & ~Copyable>(into sink: inout Sink) throws(ParseFailure) {
        skipWhitespace()
        readValue: while true {
            guard position < length else { throw ParseFailure(.unexpectedEndOfInput, at: position) }
            switch input[position] {
            case UInt8(ascii: "{"):
                try open(isObject: true)
                if position < length && input[position] == UInt8(ascii: "}") {
                    position += 1
                    close(into: &sink)
                } else {
                    try readKey(into: &sink)
                    continue readValue
                }
            case UInt8(ascii: "["):
                try open(isObject: false)
                if position < length && input[position] == UInt8(ascii: "]") {
                    position += 1
                    close(into: &sink)
                } else {
                    continue readValue
                }
            case UInt8(ascii: "\""):
                try readStringValue(into: &sink)
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                sink.scalar(.bool(true), inObject: parentIsObject)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                sink.scalar(.bool(false), inObject: parentIsObject)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                sink.scalar(.null, inObject: parentIsObject)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let number = try scanNumber()
                sink.scalar(number, inObject: parentIsObject)
            default:
                throw ParseFailure(.expectedValue, at: position)
            }

            while frames.count > 0 {
                frames.top.memberCount += 1
                skipWhitespace()
                guard position < length else { throw ParseFailure(.unexpectedEndOfInput, at: position) }
                let byte = input[position]
                let isObject = frames.top.isObject
                if byte == UInt8(ascii: ",") {
                    let commaOffset = position
                    position += 1
                    skipWhitespace()
                    let closer = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                    if position < length && input[position] == closer {
                        throw ParseFailure(.trailingComma, at: commaOffset)
                    }
                    if isObject { try readKey(into: &sink) }
                    continue readValue
                }
                if byte == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    close(into: &sink)
                    continue
                }
                throw ParseFailure(isObject ? .expectedCommaOrObjectEnd : .expectedCommaOrArrayEnd, at: position)
            }

            skipWhitespace()
            guard position == length else { throw ParseFailure(.trailingCharacters, at: position) }
            return
        }
    }

    /// Whether the value being read is a member of an object.
    private var parentIsObject: Bool {
        frames.count > 0 && frames.top.isObject
    }

    /// Opens the container whose bracket is at `position` and skips the
    /// whitespace after it.
    private mutating func open(isObject: Bool) throws(ParseFailure) {
        guard frames.count < maxDepth else {
            throw ParseFailure(.depthLimitExceeded(maxDepth: maxDepth), at: position)
        }
        frames.push(ContainerFrame(isObject: isObject, memberCount: 0, firstKey: keys.count, textStart: text.count))
        position += 1
        skipWhitespace()
    }

    /// Closes the innermost container, whose closing bracket was just read.
    private mutating func close<Sink: JSONEventSink & ~Copyable>(into sink: inout Sink) {
        let frame = frames.pop()
        if frame.isObject {
            keys.closeObject(firstKey: frame.firstKey, depth: frames.count + 1)
            text.truncate(to: frame.textStart)
            sink.endObject(memberCount: frame.memberCount, inObject: parentIsObject)
        } else {
            sink.endArray(elementCount: frame.memberCount, inObject: parentIsObject)
        }
    }

    /// Reads `"key"`, the `:` after it and the whitespace around it.
    private mutating func readKey<Sink: JSONEventSink & ~Copyable>(into sink: inout Sink) throws(ParseFailure) {
        guard position < length else { throw ParseFailure(.unexpectedEndOfInput, at: position) }
        guard input[position] == UInt8(ascii: "\"") else { throw ParseFailure(.expectedKey, at: position) }
        let keyOffset = position
        let span = try scanString()
        let key: StoredKey
        if span.hasEscapes {
            let arenaStart = text.count
            Self.unescape(input + span.start, count: span.end - span.start, into: &text)
            let bytes = text.bytes(from: arenaStart)
            key = StoredKey(
                start: arenaStart,
                length: bytes.count,
                isInArena: true,
                isASCII: DuplicateKeyDetector.isASCII(bytes)
            )
        } else {
            key = StoredKey(
                start: span.start,
                length: span.end - span.start,
                isInArena: false,
                isASCII: !span.hasNonASCII
            )
        }
        if let duplicate = keys.register(key, arena: text, firstKey: frames.top.firstKey, depth: frames.count) {
            throw ParseFailure(.duplicateKey(duplicate), at: keyOffset)
        }
        sink.key(key.bytes(input: input, arena: text))

        skipWhitespace()
        guard position < length else { throw ParseFailure(.unexpectedEndOfInput, at: position) }
        guard input[position] == UInt8(ascii: ":") else { throw ParseFailure(.expectedColon, at: position) }
        position += 1
        skipWhitespace()
    }

    /// Reads a string value and reports it if the sink wants string values.
    private mutating func readStringValue<Sink: JSONEventSink & ~Copyable>(into sink: inout Sink) throws(ParseFailure) {
        let span = try scanString()
        guard Sink.wantsStringValues else { return }
        if span.hasEscapes {
            let start = text.count
            Self.unescape(input + span.start, count: span.end - span.start, into: &text)
            sink.string(text.bytes(from: start), inObject: parentIsObject)
            text.truncate(to: start)
        } else {
            sink.string(UnsafeBufferPointer(start: input + span.start, count: span.end - span.start), inObject: parentIsObject)
        }
    }

    /// Consumes `literal` at `position`.
    private mutating func expectLiteral(_ literal: StaticString) throws(ParseFailure) {
        let start = position
        let expected = literal.utf8Start
        for index in 0..<literal.utf8CodeUnitCount {
            guard start + index < length else { throw ParseFailure(.unexpectedEndOfInput, at: length) }
            guard input[start + index] == expected[index] else { throw ParseFailure(.invalidLiteral, at: start) }
        }
        position = start + literal.utf8CodeUnitCount
    }

    /// Advances past spaces, tabs, line feeds and carriage returns.
    @inline(__always)
    mutating func skipWhitespace() {
        while position < length {
            let byte = input[position]
            guard byte <= 0x20,
                  byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }
}

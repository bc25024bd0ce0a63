/// Strict RFC 8259 JSON reading from UTF-8 bytes.
///
/// Accepts exactly one JSON value surrounded by optional whitespace and
/// rejects everything else: trailing commas, comments, leading zeros, NaN and
/// infinities, unescaped control characters, malformed escapes, unpaired
/// `\u` surrogates, ill-formed UTF-8 inside strings, data after the value, and
/// objects with two members whose keys are equal as Swift strings. A byte
/// order mark is not skipped. `parse` and `validate` accept and reject exactly
/// the same inputs, with the same errors.
public struct JSONParser: Sendable {
    /// Parses one JSON text into a `JSONValue`.
    ///
    /// `maxDepth` is the deepest nesting of arrays and objects allowed (a
    /// scalar top-level value has depth 0, `[]` depth 1); it must not be
    /// negative. The bytes are only read during the call.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(JSONError) -> JSONValue {
        try reportingErrors(in: bytes, maxDepth: maxDepth) { () throws(ParseFailure) in
            try TreeBuilder.withBuilder { builder throws(ParseFailure) in
                try JSONReader.withReader(for: bytes, maxDepth: maxDepth) { reader throws(ParseFailure) in
                    try reader.read(into: &builder)
                }
                return builder.finish()
            }
        }
    }

    /// Parses one JSON text held in a byte array; see `parse(_:maxDepth:)`.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try parse(buffer, maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Parses one JSON text held in a string's UTF-8; see `parse(_:maxDepth:)`.
    public static func parse(_ text: String, maxDepth: Int = 64) throws(JSONError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result { () throws(JSONError) in try parse(UnsafeRawBufferPointer(utf8), maxDepth: maxDepth) }
        }
        return try result.get()
    }

    /// Checks that the bytes are one acceptable JSON text without building a tree.
    ///
    /// Applies every rule of `parse(_:maxDepth:)`, including duplicate keys,
    /// and throws the same error `parse` would; use it to check a payload
    /// before storing it.
    public static func validate(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(JSONError) {
        try reportingErrors(in: bytes, maxDepth: maxDepth) { () throws(ParseFailure) in
            try JSONReader.withReader(for: bytes, maxDepth: maxDepth) { reader throws(ParseFailure) in
                var sink = DiscardingSink()
                try reader.read(into: &sink)
            }
        }
    }

    /// Checks a JSON text held in a byte array; see `validate(_:maxDepth:)`.
    public static func validate(_ bytes: [UInt8], maxDepth: Int = 64) throws(JSONError) {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONError) in try validate(buffer, maxDepth: maxDepth) }
        }
        try result.get()
    }

    /// Checks a JSON text held in a string's UTF-8; see `validate(_:maxDepth:)`.
    public static func validate(_ text: String, maxDepth: Int = 64) throws(JSONError) {
        var text = text
        let result = text.withUTF8 { utf8 in
            Result { () throws(JSONError) in try validate(UnsafeRawBufferPointer(utf8), maxDepth: maxDepth) }
        }
        try result.get()
    }

    /// Checks the arguments, runs `body` on non-empty input and turns its
    /// failure into a `JSONError` with line and column.
    private static func reportingErrors<Result>(
        in bytes: UnsafeRawBufferPointer,
        maxDepth: Int,
        _ body: () throws(ParseFailure) -> Result
    ) throws(JSONError) -> Result {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        guard !bytes.isEmpty else {
            throw JSONError(reason: .unexpectedEndOfInput, offset: 0, in: bytes)
        }
        do {
            return try body()
        } catch {
            throw JSONError(reason: error.reason, offset: error.offset, in: bytes)
        }
    }
}

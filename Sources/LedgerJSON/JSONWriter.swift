/// Writes compact JSON (no whitespace) into a byte buffer.
///
/// Call the methods in document order; the writer inserts the commas between
/// members and elements and the colon after each key. Exactly one top-level
/// value may be written. Misuse that would produce invalid JSON (a value in an
/// object without a key, a key outside an object, a mismatched or missing
/// closing call, a second top-level value, a non-finite double) stops the
/// program with a precondition failure, because it is a bug in the caller.
/// `raw(_:)` is the exception: its bytes are trusted.
public struct JSONWriter: Sendable {
    /// Everything written so far, including any bytes the writer started with.
    public internal(set) var bytes: [UInt8]

    private var containers = ContainerKindStack()
    private var needsComma = false
    private var awaitingValueForKey = false
    private var hasTopLevelValue = false

    /// Creates a writer that appends after the contents of `buffer`.
    ///
    /// Passing a buffer with spare capacity (for example one emptied with
    /// `removeAll(keepingCapacity: true)`) avoids reallocations.
    public init(appendingTo buffer: [UInt8] = []) {
        bytes = buffer
    }

    /// Makes room for at least `byteCount` more bytes, so a writer that knows
    /// roughly how much it will write grows its buffer once.
    public mutating func reserveCapacity(_ byteCount: Int) {
        bytes.reserveCapacity(bytes.count + byteCount)
    }

    /// Whether one complete top-level value has been written.
    public var isComplete: Bool {
        hasTopLevelValue && containers.depth == 0
    }

    /// Returns the bytes once the top-level value is complete.
    public consuming func finish() -> [UInt8] {
        precondition(isComplete, "JSONWriter.finish() called before the top-level value was complete")
        return bytes
    }

    /// Opens an object; members follow as `key(_:)` then a value.
    public mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        containers.push(isObject: true)
        needsComma = false
    }

    /// Closes the innermost object.
    public mutating func endObject() {
        precondition(containers.innermostIsObject == true, "JSONWriter.endObject() without an open object")
        precondition(!awaitingValueForKey, "JSONWriter.endObject() right after a key; the key needs a value")
        containers.pop()
        bytes.append(UInt8(ascii: "}"))
        endValue()
    }

    /// Opens an array; elements follow as values.
    public mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        containers.push(isObject: false)
        needsComma = false
    }

    /// Closes the innermost array.
    public mutating func endArray() {
        precondition(containers.innermostIsObject == false, "JSONWriter.endArray() without an open array")
        containers.pop()
        bytes.append(UInt8(ascii: "]"))
        endValue()
    }

    /// Writes an object member's key; the next call must write its value.
    ///
    /// The writer does not check keys for uniqueness; the parser rejects
    /// objects with repeated keys.
    public mutating func key(_ name: String) {
        precondition(containers.innermostIsObject == true, "JSONWriter.key(_:) outside an object")
        precondition(!awaitingValueForKey, "JSONWriter.key(_:) twice without a value in between")
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        awaitingValueForKey = true
    }

    /// Writes a string, escaping `"`, `\` and control characters; other
    /// characters pass through as UTF-8.
    public mutating func string(_ value: String) {
        beginValue()
        appendQuoted(value)
        endValue()
    }

    /// Writes a signed integer in decimal.
    public mutating func integer(_ value: Int64) {
        beginValue()
        appendInteger(value)
        endValue()
    }

    /// Writes an unsigned integer in decimal.
    ///
    /// Values above `Int64.max` are valid JSON but read back as `.double`.
    public mutating func unsigned(_ value: UInt64) {
        beginValue()
        appendDecimal(value)
        endValue()
    }

    /// Writes a finite double as the shortest text that reads back as the
    /// same value, for example `1234.5`, `1.0`, `-0.0` or `1e-07`.
    ///
    /// Whole numbers keep a `.0`, so they read back as `.double`. NaN and
    /// infinities have no JSON form and stop the program.
    public mutating func double(_ value: Double) {
        beginValue()
        appendDouble(value)
        endValue()
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        beginValue()
        appendLiteral(value ? "true" : "false")
        endValue()
    }

    /// Writes `null`.
    public mutating func null() {
        beginValue()
        appendLiteral("null")
        endValue()
    }

    /// Splices bytes that already form exactly one JSON value, verbatim, as
    /// the next value.
    ///
    /// The bytes are not checked; passing anything but one valid value
    /// corrupts the output. Use `JSONParser.validate(_:maxDepth:)` first when
    /// they come from outside.
    public mutating func raw(_ json: UnsafeRawBufferPointer) {
        beginValue()
        bytes.append(contentsOf: json)
        endValue()
    }

    /// Splices a byte array that already forms one JSON value; see `raw(_:)`.
    public mutating func raw(_ json: [UInt8]) {
        beginValue()
        bytes.append(contentsOf: json)
        endValue()
    }

    /// Writes a whole `JSONValue`, object members in stored order.
    ///
    /// A double anywhere in the tree that is not finite stops the program, as
    /// with `double(_:)`.
    public mutating func value(_ value: JSONValue) {
        beginValue()
        appendTree(value)
        endValue()
    }

    /// Writes the separator a value needs and checks that a value may come here.
    private mutating func beginValue() {
        switch containers.innermostIsObject {
        case nil:
            precondition(!hasTopLevelValue, "JSONWriter can write only one top-level value")
        case true?:
            precondition(awaitingValueForKey, "JSONWriter needs key(_:) before each value in an object")
            awaitingValueForKey = false
        case false?:
            if needsComma { bytes.append(UInt8(ascii: ",")) }
        }
    }

    /// Records that a value was completed in the current container.
    private mutating func endValue() {
        if containers.depth == 0 {
            hasTopLevelValue = true
        } else {
            needsComma = true
        }
    }
}

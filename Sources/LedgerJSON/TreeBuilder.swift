/// A sink that builds the `JSONValue` tree.
///
/// Every value waits on one stack of members until its container ends; an
/// array element waits with an empty key. A closing container moves its run
/// of members off the stack into an array reserved at its exact size.
struct TreeBuilder: JSONEventSink, ~Copyable {
    static var wantsStringValues: Bool { true }

    private var pending: ScratchStack<JSONObject.Member>

    private init(storage: UnsafeMutableBufferPointer<JSONObject.Member>) {
        pending = ScratchStack(startingIn: storage)
    }

    /// Runs `body` with a builder whose working stack starts in stack memory.
    static func withBuilder<Result>(
        _ body: (inout TreeBuilder) throws(ParseFailure) -> Result
    ) throws(ParseFailure) -> Result {
        try withUnsafeTemporaryAllocation(of: JSONObject.Member.self, capacity: 32) { storage throws(ParseFailure) in
            var builder = TreeBuilder(storage: storage)
            return try body(&builder)
        }
    }

    mutating func key(_ utf8: UnsafeBufferPointer<UInt8>) {
        pending.push((key: String(decoding: utf8, as: UTF8.self), value: .null))
    }

    mutating func scalar(_ value: JSONValue, inObject: Bool) {
        place(value, inObject: inObject)
    }

    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>, inObject: Bool) {
        place(.string(String(decoding: utf8, as: UTF8.self)), inObject: inObject)
    }

    mutating func endObject(memberCount: Int, inObject: Bool) {
        var members = [JSONObject.Member]()
        members.reserveCapacity(memberCount)
        let first = pending.count - memberCount
        for index in first..<pending.count {
            members.append((pending.elements + index).move())
        }
        pending.forgetLast(memberCount)
        place(.object(JSONObject(members)), inObject: inObject)
    }

    mutating func endArray(elementCount: Int, inObject: Bool) {
        var elements = [JSONValue]()
        elements.reserveCapacity(elementCount)
        let first = pending.count - elementCount
        for index in first..<pending.count {
            elements.append((pending.elements + index).move().value)
        }
        pending.forgetLast(elementCount)
        place(.array(elements), inObject: inObject)
    }

    /// The finished top-level value; call once, after the reader succeeded.
    mutating func finish() -> JSONValue {
        pending.pop().value
    }

    private mutating func place(_ value: JSONValue, inObject: Bool) {
        if inObject {
            pending.top.value = value
        } else {
            pending.push((key: "", value: value))
        }
    }
}

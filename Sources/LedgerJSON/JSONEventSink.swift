/// Receives what `JSONReader` reads, in document order.
///
/// The reader checks every rule; a sink only decides what to keep. Each value
/// is reported with `inObject`, telling whether its container is an object
/// (the value then belongs to the key reported just before it) or an array or
/// the top level.
protocol JSONEventSink: ~Copyable {
    /// Whether `string(_:inObject:)` should be called with unescaped contents.
    static var wantsStringValues: Bool { get }

    /// An object key, unescaped and valid UTF-8.
    mutating func key(_ utf8: UnsafeBufferPointer<UInt8>)

    /// `null`, a Boolean or a number.
    mutating func scalar(_ value: JSONValue, inObject: Bool)

    /// A string value, unescaped and valid UTF-8.
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>, inObject: Bool)

    /// The end of an object whose `memberCount` members were just reported.
    mutating func endObject(memberCount: Int, inObject: Bool)

    /// The end of an array whose `elementCount` elements were just reported.
    mutating func endArray(elementCount: Int, inObject: Bool)
}

/// A sink that keeps nothing, for checking a text without building a tree.
struct DiscardingSink: JSONEventSink {
    static var wantsStringValues: Bool { false }

    func key(_ utf8: UnsafeBufferPointer<UInt8>) {}
    func scalar(_ value: JSONValue, inObject: Bool) {}
    func string(_ utf8: UnsafeBufferPointer<UInt8>, inObject: Bool) {}
    func endObject(memberCount: Int, inObject: Bool) {}
    func endArray(elementCount: Int, inObject: Bool) {}
}

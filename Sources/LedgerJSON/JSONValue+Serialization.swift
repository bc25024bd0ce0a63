extension JSONValue {
    /// The compact JSON text of this value, object members in stored order.
    ///
    /// Numbers are written as `JSONWriter` writes them, so parsing the result
    /// gives back an equal value, provided every object's keys are unique (the
    /// parser rejects repeated keys). The buffer starts with room for an
    /// event-sized document and grows beyond that as needed.
    public func serialized() -> [UInt8] {
        var writer = JSONWriter()
        writer.reserveCapacity(256)
        writer.value(self)
        return writer.finish()
    }
}

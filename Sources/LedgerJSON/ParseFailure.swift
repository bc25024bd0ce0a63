/// A rejection found while reading, before line and column are known.
///
/// The reading code throws this cheap value; the public entry points turn it
/// into a `JSONError` once, using the whole input to compute line and column.
struct ParseFailure: Error {
    let reason: JSONError.Reason
    let offset: Int

    init(_ reason: JSONError.Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }
}

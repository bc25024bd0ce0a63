/// The kinds of the containers a `JSONWriter` has open, innermost last.
///
/// The first 64 levels live in the bits of one integer, so ordinary documents
/// never allocate; deeper levels spill into an array.
struct ContainerKindStack: Sendable {
    private var inlineBits: UInt64 = 0
    private var spilled: [Bool] = []

    /// The number of open containers.
    private(set) var depth = 0

    /// Whether the innermost open container is an object; `nil` at the top level.
    var innermostIsObject: Bool? {
        guard depth > 0 else { return nil }
        if depth > UInt64.bitWidth { return spilled[depth - UInt64.bitWidth - 1] }
        return inlineBits & (1 << UInt64(depth - 1)) != 0
    }

    mutating func push(isObject: Bool) {
        if depth < UInt64.bitWidth {
            let bit: UInt64 = 1 << UInt64(depth)
            inlineBits = isObject ? inlineBits | bit : inlineBits & ~bit
        } else {
            spilled.append(isObject)
        }
        depth += 1
    }

    mutating func pop() {
        if depth > UInt64.bitWidth { spilled.removeLast() }
        depth -= 1
    }
}

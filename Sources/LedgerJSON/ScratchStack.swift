/// A growable stack on manually managed memory, used as reusable working
/// space while reading one document.
///
/// Unlike `Array` it can hand out a run of elements by moving them into a
/// new array without retain/release traffic. It can start in memory lent by
/// the caller (typically a stack allocation) and moves to the heap only if it
/// outgrows it.
struct ScratchStack<Element>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0
    private var ownsStorage = false

    /// Creates an empty stack that allocates on the first push.
    init() {}

    /// Creates an empty stack that first uses `storage`, which must stay
    /// valid and otherwise unused for the stack's whole lifetime.
    init(startingIn storage: UnsafeMutableBufferPointer<Element>) {
        base = storage.baseAddress
        capacity = storage.count
    }

    deinit {
        if let base {
            base.deinitialize(count: count)
            if ownsStorage { base.deallocate() }
        }
    }

    /// The address of the first element; only valid while `count > 0` and
    /// until the next push.
    var elements: UnsafeMutablePointer<Element> {
        base.unsafelyUnwrapped
    }

    /// The last element, which must exist.
    var top: Element {
        _read { yield elements[count - 1] }
        _modify { yield &elements[count - 1] }
    }

    mutating func push(_ element: consuming Element) {
        if count == capacity { grow(toAtLeast: count + 1) }
        (elements + count).initialize(to: element)
        count += 1
    }

    /// Removes and returns the last element, which must exist.
    mutating func pop() -> Element {
        count -= 1
        return (elements + count).move()
    }

    /// Forgets the last `n` elements without deinitializing them; the caller
    /// must already have moved them out.
    mutating func forgetLast(_ n: Int) {
        count -= n
    }

    /// Destroys every element above `newCount`.
    mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        (elements + newCount).deinitialize(count: count - newCount)
        count = newCount
    }

    /// Makes room for `additional` more elements without pushing any.
    mutating func reserve(_ additional: Int) {
        if count + additional > capacity { grow(toAtLeast: count + additional) }
    }

    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = Swift.max(needed, capacity * 2, 16)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            if ownsStorage { base.deallocate() }
        }
        base = newBase
        capacity = newCapacity
        ownsStorage = true
    }
}

extension ScratchStack where Element == UInt8 {
    /// Appends `length` bytes copied from `source`.
    mutating func append(_ source: UnsafePointer<UInt8>, length: Int) {
        reserve(length)
        (elements + count).initialize(from: source, count: length)
        count += length
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value.
    mutating func appendUTF8(_ scalar: UInt32) {
        reserve(4)
        let out = elements + count
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(truncatingIfNeeded: scalar)
            count += 1
        case 0x80..<0x800:
            out[0] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
            count += 2
        case 0x800..<0x10000:
            out[0] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
            count += 3
        default:
            out[0] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
            out[1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
            out[3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
            count += 4
        }
    }

    /// The bytes from `start` to the top, valid until the next push.
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        guard count > start else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: elements + start, count: count - start)
    }
}

/// Where an object key's unescaped bytes are: in the input itself when the
/// key has no escapes, otherwise in the reader's text arena.
struct StoredKey {
    var start: Int
    var length: Int
    var isInArena: Bool
    var isASCII: Bool

    /// The key's bytes, valid until the arena next grows.
    func bytes(input: UnsafePointer<UInt8>, arena: borrowing ScratchStack<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard length > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let base = isInArena ? UnsafePointer(arena.elements) : input
        return UnsafeBufferPointer(start: base + start, count: length)
    }
}

/// Remembers the keys of every open object and says when one repeats.
///
/// Keys are equal when they are equal as Swift strings (canonical
/// equivalence), so two spellings that `JSONObject`'s subscript cannot tell
/// apart are never both accepted. All-ASCII keys, the common case, compare
/// byte by byte. An object with many members switches from a linear scan to a
/// hash set so a large object cannot make reading quadratic.
struct DuplicateKeyDetector: ~Copyable {
    /// Objects with more members than this are checked with a hash set.
    private static let linearScanLimit = 16

    private let input: UnsafePointer<UInt8>
    private var keys: ScratchStack<StoredKey>
    private var largeObjectKeys: [Int: Set<String>] = [:]

    /// Prepares to check the keys of objects read from `input`, remembering
    /// them in `storage` until it runs out.
    init(input: UnsafePointer<UInt8>, storage: UnsafeMutableBufferPointer<StoredKey>) {
        self.input = input
        self.keys = ScratchStack(startingIn: storage)
    }

    /// The number of keys currently remembered; an object's keys start at
    /// the value this had when the object opened.
    var count: Int { keys.count }

    /// Remembers `key` as a member of the object at nesting `depth` whose
    /// keys start at `firstKey`. Returns the key as a string if it repeats an
    /// earlier key of that object.
    mutating func register(
        _ key: StoredKey,
        arena: borrowing ScratchStack<UInt8>,
        firstKey: Int,
        depth: Int
    ) -> String? {
        let earlierKeys = keys.count - firstKey
        defer { keys.push(key) }

        if earlierKeys < Self.linearScanLimit {
            return linearScanFindsDuplicate(of: key, arena: arena, from: firstKey)
                ? string(key, arena: arena) : nil
        }
        if earlierKeys == Self.linearScanLimit {
            var known = Set<String>(minimumCapacity: earlierKeys * 2)
            for index in firstKey..<keys.count {
                known.insert(string(keys.elements[index], arena: arena))
            }
            largeObjectKeys[depth] = known
        }
        let newKey = string(key, arena: arena)
        let inserted = largeObjectKeys[depth, default: []].insert(newKey).inserted
        return inserted ? nil : newKey
    }

    /// Forgets the keys of the object at `depth` whose keys start at `firstKey`.
    mutating func closeObject(firstKey: Int, depth: Int) {
        if keys.count - firstKey > Self.linearScanLimit {
            largeObjectKeys[depth] = nil
        }
        keys.truncate(to: firstKey)
    }

    private func linearScanFindsDuplicate(
        of key: StoredKey,
        arena: borrowing ScratchStack<UInt8>,
        from firstKey: Int
    ) -> Bool {
        var keyAsString: String?
        for index in firstKey..<keys.count {
            let earlier = keys.elements[index]
            if key.isASCII && earlier.isASCII {
                if earlier.length == key.length
                    && Self.bytesEqual(earlier.bytes(input: input, arena: arena), key.bytes(input: input, arena: arena)) {
                    return true
                }
            } else {
                let newKey = keyAsString ?? string(key, arena: arena)
                keyAsString = newKey
                if string(earlier, arena: arena) == newKey { return true }
            }
        }
        return false
    }

    private func string(_ key: StoredKey, arena: borrowing ScratchStack<UInt8>) -> String {
        String(decoding: key.bytes(input: input, arena: arena), as: UTF8.self)
    }

    /// Compares two byte runs of equal length.
    private static func bytesEqual(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<left.count where left[index] != right[index] {
            return false
        }
        return true
    }

    /// Whether every byte is below 0x80.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes { combined |= byte }
        return combined < 0x80
    }
}

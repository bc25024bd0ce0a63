import Foundation

/// Reads a JSON Lines input line by line, in chunks, without holding the whole input.
///
/// Lines end at `\n`; a `\r` before it is dropped. A line longer than the limit comes back
/// as ``Line/oversized(number:length:bytes:)``, with its bytes while they stay under a
/// retention cap (so the caller can name the field that is too long) and without them beyond.
struct JSONLinesReader {
    enum Line {
        case text(number: Int, bytes: [UInt8])
        case oversized(number: Int, length: Int, bytes: [UInt8]?)
    }

    private let path: String
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private let maximumLineBytes: Int
    private let retentionCap: Int
    private var chunk = [UInt8](repeating: 0, count: 1 << 18)
    private var chunkStart = 0
    private var chunkEnd = 0
    private var isAtEnd = false
    private var lineNumber = 0
    /// How many bytes have been consumed.
    private(set) var bytesRead = 0

    /// Opens `path`, or standard input for `-`.
    init(path: String, maximumLineBytes: Int, retentionCap: Int = 64 << 20) throws {
        if path == "-" {
            descriptor = STDIN_FILENO
            closesDescriptor = false
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else {
                throw LedgerError.unreadableInput(path: path, reason: String(cString: strerror(errno)))
            }
            descriptor = opened
            closesDescriptor = true
        }
        self.maximumLineBytes = maximumLineBytes
        self.retentionCap = max(retentionCap, maximumLineBytes)
        self.path = path
    }

    /// Closes the file (never standard input).
    func closeInput() {
        if closesDescriptor { _ = close(descriptor) }
    }

    /// The next line, or `nil` at the end of the input.
    mutating func next() throws -> Line? {
        var line: [UInt8] = []
        var length = 0
        var retained = true
        while true {
            if chunkStart == chunkEnd {
                if isAtEnd { break }
                try fill()
                if chunkStart == chunkEnd { break }
            }
            let available = chunk[chunkStart..<chunkEnd]
            let newline = available.firstIndex(of: UInt8(ascii: "\n"))
            let end = newline ?? chunkEnd
            let piece = chunk[chunkStart..<end]
            length += piece.count
            if retained {
                if length <= retentionCap {
                    line.append(contentsOf: piece)
                } else {
                    retained = false
                    line = []
                }
            }
            bytesRead += end - chunkStart + (newline == nil ? 0 : 1)
            chunkStart = newline.map { $0 + 1 } ?? chunkEnd
            if newline != nil {
                return finish(line, length: length, retained: retained)
            }
        }
        if length == 0 { return nil }
        return finish(line, length: length, retained: retained)
    }

    private mutating func finish(_ line: [UInt8], length: Int, retained: Bool) -> Line {
        lineNumber += 1
        var bytes = line
        var length = length
        if bytes.last == UInt8(ascii: "\r") {
            bytes.removeLast()
            length -= 1
        }
        if length > maximumLineBytes {
            return .oversized(number: lineNumber, length: length, bytes: retained ? bytes : nil)
        }
        return .text(number: lineNumber, bytes: bytes)
    }

    private mutating func fill() throws {
        chunkStart = 0
        chunkEnd = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LedgerError.unreadableInput(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { isAtEnd = true }
            chunkEnd = count
            return
        }
    }
}

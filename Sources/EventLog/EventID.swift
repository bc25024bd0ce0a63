import Foundation

extension UUID {
    /// The 16 bytes of the UUID, as the id index stores them.
    var bytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// Reads a UUID from 16 bytes.
    init(bytes: UnsafeRawBufferPointer) {
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
        self.init(uuid: value)
    }

    /// Appends the lowercase 36-character text of the UUID (RFC 9562 form).
    func appendLowercase(to output: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        withUnsafeBytes(of: uuid) { raw in
            hex.withUTF8Buffer { digits in
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 { output.append(UInt8(ascii: "-")) }
                    output.append(digits[Int(raw[index] >> 4)])
                    output.append(digits[Int(raw[index] & 0x0f)])
                }
            }
        }
    }
}

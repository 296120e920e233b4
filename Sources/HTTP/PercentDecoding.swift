/// Percent-decoding for request targets. Malformed escapes are kept literally rather than
/// rejected: a simulator should be forgiving about what clients put in a query string.
enum PercentDecoding {
    static func decode(_ text: Substring, plusAsSpace: Bool) -> String {
        // Fast path: most paths and query values need no decoding, so avoid a byte copy.
        if !needsDecoding(text, plusAsSpace: plusAsSpace) {
            return String(text)
        }
        return String(decoding: decodedBytes(text, plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    /// Whether `text` holds anything `decode` would change (a `%`, or a `+` in a query).
    static func needsDecoding(_ text: Substring, plusAsSpace: Bool) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "%") || (plusAsSpace && $0 == UInt8(ascii: "+")) }
    }

    /// The bytes `text` stands for, before any UTF-8 interpretation (callers that must refuse
    /// control characters or invalid UTF-8 inspect these).
    static func decodedBytes(_ text: Substring, plusAsSpace: Bool) -> [UInt8] {
        let utf8 = text.utf8
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%") {
                let first = utf8.index(after: index)
                if first != utf8.endIndex {
                    let second = utf8.index(after: first)
                    if second != utf8.endIndex, let high = hexValue(utf8[first]), let low = hexValue(utf8[second]) {
                        bytes.append(high << 4 | low)
                        index = utf8.index(after: second)
                        continue
                    }
                }
                bytes.append(byte)
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                bytes.append(ASCII.space)
            } else {
                bytes.append(byte)
            }
            index = utf8.index(after: index)
        }
        return bytes
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

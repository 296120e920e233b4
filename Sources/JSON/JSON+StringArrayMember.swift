extension JSON {
    /// The strings of the document `{"<member>": ["...", ...]}` without building its tree,
    /// when `bytes` is exactly that: one object whose only member is spelled exactly `member`
    /// and holds an array of strings of printable ASCII without escapes, whitespace allowed
    /// wherever JSON allows it. For every other document, valid or not, nil: the caller parses
    /// it in full and reads it as before, so this changes no answer, only the cost of the
    /// common one (the tree of a 100-id POR request cost twice these strings).
    public static func strings(ofOnlyMember member: StaticString, in bytes: [UInt8]) -> [String]? {
        member.withUTF8Buffer { name in
            bytes.withUnsafeBufferPointer { buffer in
                var scanner = PlainScanner(bytes: buffer)
                return scanner.stringArray(member: name)
            }
        }
    }
}

/// The scanner behind `JSON.strings(ofOnlyMember:in:)`: it accepts a subset of JSON and gives
/// up (nil) at the first byte outside it.
private struct PlainScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func stringArray(member: UnsafeBufferPointer<UInt8>) -> [String]? {
        guard take(.openBrace), takeMemberName(member), take(.colon), take(.openBracket) else { return nil }
        var strings: [String] = []
        // Each element takes at least three bytes (`"",`); room for as many as a POR request
        // may send, so the usual body grows the array never.
        strings.reserveCapacity(min(bytes.count / 3, 128))
        if !take(.closeBracket) {
            while true {
                guard let string = plainString() else { return nil }
                strings.append(string)
                if take(.comma) { continue }
                guard take(.closeBracket) else { return nil }
                break
            }
        }
        guard take(.closeBrace) else { return nil }
        skipWhitespace()
        return position == bytes.count ? strings : nil
    }

    /// Skips whitespace, then consumes `byte` if it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func takeMemberName(_ member: UnsafeBufferPointer<UInt8>) -> Bool {
        guard take(.quote), position + member.count < bytes.count else { return false }
        for (offset, byte) in member.enumerated() where bytes[position + offset] != byte {
            return false
        }
        position += member.count
        guard bytes[position] == .quote else { return false }
        position += 1
        return true
    }

    /// A string of bytes 0x20-0x7E other than `"` and `\`: no escapes, nothing to validate.
    private mutating func plainString() -> String? {
        guard take(.quote) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == .quote {
                position += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position - 1]), as: UTF8.self)
            }
            // 0x20 to 0x7E in one comparison.
            guard byte &- 0x20 < 0x5F, byte != .backslash else { return nil }
            position += 1
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case .space, .tab, .lineFeed, .carriageReturn: position += 1
            default: return
            }
        }
    }
}

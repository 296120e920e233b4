/// Strict RFC 8259 recursive-descent parser working directly on UTF-8 bytes, so request bodies
/// never round-trip through `String` or Foundation before becoming values.
struct JSONParser {
    /// Bounds recursion so hostile input cannot exhaust the stack.
    static let maxDepth = 64

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    private var depth = 0
    /// Reused across strings that contain escapes, so only the first one allocates.
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONParseError) -> JSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else {
            throw JSONParseError(offset: position, message: "unexpected data after JSON value")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSON {
        guard position < bytes.count else { throw endOfInput() }
        switch bytes[position] {
        case .openBrace: return try parseObject()
        case .openBracket: return try parseArray()
        case .quote: return .string(try parseString())
        case .t: try expectLiteral("true"); return .bool(true)
        case .f: try expectLiteral("false"); return .bool(false)
        case .n: try expectLiteral("null"); return .null
        case .minus, .zero ... .nine: return try parseNumber()
        default:
            throw JSONParseError(offset: position, message: "unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = position
        let length = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: length)
        for i in 0..<length {
            guard start + i < bytes.count else { throw endOfInput() }
            guard bytes[start + i] == expected[i] else {
                throw JSONParseError(offset: start, message: "invalid literal")
            }
        }
        position = start + length
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw JSONParseError(offset: position, message: "maximum nesting depth of \(Self.maxDepth) exceeded")
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSON {
        try enterContainer()
        position += 1
        skipWhitespace()
        var elements: [JSON] = []
        if position < bytes.count, bytes[position] == .closeBracket {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            guard try continueAfterMember(closer: .closeBracket, expected: "expected ',' or ']'") else {
                return .array(elements)
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSON {
        try enterContainer()
        position += 1
        skipWhitespace()
        var object = JSONObject()
        if position < bytes.count, bytes[position] == .closeBrace {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            guard position < bytes.count else { throw endOfInput() }
            guard bytes[position] == .quote else {
                throw JSONParseError(offset: position, message: "expected string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count else { throw endOfInput() }
            guard bytes[position] == .colon else {
                throw JSONParseError(offset: position, message: "expected ':'")
            }
            position += 1
            skipWhitespace()
            // Duplicate keys: the last one wins, as in most parsers (RFC 8259 leaves it open).
            object[key] = try parseValue()
            guard try continueAfterMember(closer: .closeBrace, expected: "expected ',' or '}'") else {
                return .object(object)
            }
        }
    }

    /// After an array element or object member: a comma means another one follows (a closer
    /// right after it is a trailing comma), the closer ends the container (returns false).
    private mutating func continueAfterMember(closer: UInt8, expected: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw endOfInput() }
        switch bytes[position] {
        case .comma:
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == closer {
                throw JSONParseError(offset: position, message: "trailing comma")
            }
            return true
        case closer:
            position += 1
            depth -= 1
            return false
        default:
            throw JSONParseError(offset: position, message: expected)
        }
    }

    // MARK: - Whitespace and errors

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case .space, .tab, .lineFeed, .carriageReturn: position += 1
            default: return
            }
        }
    }

    func endOfInput() -> JSONParseError {
        JSONParseError(offset: bytes.count, message: "unexpected end of input")
    }
}

// MARK: - Strings

extension JSONParser {
    /// Expects `position` at the opening quote; leaves it after the closing one.
    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position + 1
        var i = start
        var seenBytes: UInt8 = 0
        // Fast path: most strings have no escapes and can be validated and copied in one go.
        while i < bytes.count {
            let byte = bytes[i]
            seenBytes |= byte
            if byte == .quote {
                position = i + 1
                if seenBytes < 0x80 {
                    // Pure ASCII needs no UTF-8 validation, which is the costly part.
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                }
                return try makeString(start..<i)
            }
            if byte == .backslash { break }
            if byte < 0x20 {
                throw JSONParseError(offset: i, message: "control character in string")
            }
            i += 1
        }
        guard i < bytes.count else { throw endOfInput() }
        return try parseEscapedString(start: start, firstEscape: i)
    }

    private mutating func parseEscapedString(start: Int, firstEscape: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<firstEscape]))
        var i = firstEscape
        var runStart = i
        while i < bytes.count {
            let byte = bytes[i]
            if byte == .quote {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                position = i + 1
                return try makeString(fromScratchAt: start)
            }
            if byte < 0x20 {
                throw JSONParseError(offset: i, message: "control character in string")
            }
            guard byte == .backslash else {
                i += 1
                continue
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
            guard i + 1 < bytes.count else { throw endOfInput() }
            switch bytes[i + 1] {
            case .quote: scratch.append(.quote)
            case .backslash: scratch.append(.backslash)
            case .slash: scratch.append(.slash)
            case .b: scratch.append(0x08)
            case .f: scratch.append(0x0C)
            case .n: scratch.append(0x0A)
            case .r: scratch.append(0x0D)
            case .t: scratch.append(0x09)
            case .u:
                let scalar = try parseUnicodeEscape(at: i, next: &i)
                appendUTF8(scalar)
                runStart = i
                continue
            default:
                throw JSONParseError(offset: i, message: "invalid escape sequence")
            }
            i += 2
            runStart = i
        }
        throw endOfInput()
    }

    /// Decodes `\uXXXX`, joining a surrogate pair when one follows; a surrogate without its
    /// partner is rejected because it cannot be represented in a Swift `String`.
    private func parseUnicodeEscape(at escape: Int, next: inout Int) throws(JSONParseError) -> Unicode.Scalar {
        let unit = try hexQuad(at: escape + 2)
        switch unit {
        case 0xD800..<0xDC00:
            let low = escape + 6
            guard low < bytes.count else { throw endOfInput() }
            guard bytes[low] == .backslash else {
                throw JSONParseError(offset: escape, message: "lone surrogate in \\u escape")
            }
            guard low + 1 < bytes.count else { throw endOfInput() }
            guard bytes[low + 1] == .u else {
                throw JSONParseError(offset: escape, message: "lone surrogate in \\u escape")
            }
            let second = try hexQuad(at: low + 2)
            guard (0xDC00..<0xE000).contains(second) else {
                throw JSONParseError(offset: escape, message: "lone surrogate in \\u escape")
            }
            next = low + 6
            let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
            // Always valid: the pair maps into U+10000...U+10FFFF.
            return Unicode.Scalar(value) ?? "\u{FFFD}"
        case 0xDC00..<0xE000:
            throw JSONParseError(offset: escape, message: "lone surrogate in \\u escape")
        default:
            next = escape + 6
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
    }

    private func hexQuad(at start: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for i in start..<start + 4 {
            guard i < bytes.count else { throw endOfInput() }
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case .zero ... .nine: digit = byte &- .zero
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default:
                throw JSONParseError(offset: i, message: "invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        switch v {
        case 0..<0x80:
            scratch.append(UInt8(v))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | v >> 6))
            scratch.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | v >> 12))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | v >> 18))
            scratch.append(UInt8(0x80 | v >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | v >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | v & 0x3F))
        }
    }

    private func makeString(_ range: Range<Int>) throws(JSONParseError) -> String {
        guard let string = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) else {
            throw JSONParseError(offset: range.lowerBound, message: "invalid UTF-8 in string")
        }
        return string
    }

    private func makeString(fromScratchAt start: Int) throws(JSONParseError) -> String {
        guard let string = String(validating: scratch, as: UTF8.self) else {
            throw JSONParseError(offset: start, message: "invalid UTF-8 in string")
        }
        return string
    }
}

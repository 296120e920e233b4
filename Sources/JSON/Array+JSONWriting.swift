/// Low-level writers behind `JSON.serialize(into:)`; they append bytes without building
/// intermediate strings, except for doubles where the standard library's shortest
/// round-trip formatting is worth the allocation.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendStatic(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func appendDecimal(_ value: Int64) {
        if value < 0 { append(.minus) }
        var magnitude = value.magnitude
        let start = count
        repeat {
            append(.zero &+ UInt8(truncatingIfNeeded: magnitude % 10))
            magnitude /= 10
        } while magnitude != 0
        self[start...].reverse()
    }

    /// JSON has no NaN or infinity; `null` is what JavaScript's JSON.stringify emits too.
    mutating func appendDouble(_ value: Double) {
        guard value.isFinite else {
            appendStatic("null")
            return
        }
        // Swift's description is the shortest round-trip form and keeps "1.0" distinct from "1".
        append(contentsOf: value.description.utf8)
    }

    /// Escapes only what JSON requires (plus the short forms for common control characters);
    /// `/` and non-ASCII text pass through as raw UTF-8.
    mutating func appendQuoted(_ string: String) {
        append(.quote)
        var string = string
        string.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == .quote || byte == .backslash else { continue }
                if runStart < i {
                    append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                }
                runStart = i + 1
                append(.backslash)
                switch byte {
                case .quote: append(.quote)
                case .backslash: append(.backslash)
                case 0x0A: append(.n)
                case 0x0D: append(.r)
                case 0x09: append(.t)
                case 0x08: append(.b)
                case 0x0C: append(.f)
                default:
                    append(.u)
                    append(.zero)
                    append(.zero)
                    append(hexDigit(byte >> 4))
                    append(hexDigit(byte & 0x0F))
                }
            }
            if runStart < utf8.count {
                append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
            }
        }
        append(.quote)
    }
}

@inline(__always)
private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? .zero &+ nibble : UInt8(ascii: "a") &+ nibble &- 10
}

extension Array where Element == UInt8 {
    /// Appends `string` as a quoted, escaped JSON string: for hot paths that write a response
    /// directly instead of building a `JSON` tree first.
    public mutating func appendJSONString(_ string: String) {
        appendQuoted(string)
    }
}

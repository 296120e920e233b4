/// Low-level writers behind `JSON.serialize(into:)`; they append bytes without building
/// intermediate strings, except for doubles where the standard library's shortest
/// round-trip formatting is worth the allocation.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendStatic(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func appendDecimal(_ value: Int64) {
        // Into a stack buffer, then appended in one go: writing digit by digit and reversing
        // a slice of `self` in place copied it (three quarters of the cost).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONDecimal.maximumLength) { digits in
            guard let target = digits.baseAddress else { return }
            let length = JSONDecimal.write(value, to: target)
            append(contentsOf: UnsafeBufferPointer(start: target, count: length))
        }
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

    /// Escapes only what JSON requires (JSONEscaping).
    mutating func appendQuoted(_ string: String) {
        var string = string
        string.withUTF8 { appendQuoted($0) }
    }

    mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        append(.quote)
        // Most strings need no escape at all: everything before the first byte that does
        // goes in with one copy.
        var runStart = 0
        for i in JSONEscaping.escapeFreePrefix(utf8)..<utf8.count where JSONEscaping.needsEscape(utf8[i]) {
            if runStart < i {
                append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
            }
            runStart = i + 1
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6) { escape in
                guard let target = escape.baseAddress else { return }
                append(contentsOf: UnsafeBufferPointer(start: target, count: JSONEscaping.writeEscape(utf8[i], to: target)))
            }
        }
        if runStart < utf8.count {
            append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        append(.quote)
    }
}

extension Array where Element == UInt8 {
    /// Appends `string` as a quoted, escaped JSON string: for hot paths that write a response
    /// directly instead of building a `JSON` tree first (JSONWriter for many pieces).
    public mutating func appendJSONString(_ string: String) {
        appendQuoted(string)
    }
}

/// Byte-level helpers shared by the parser, headers and serializer; HTTP framing is ASCII,
/// so working on bytes avoids Unicode-aware String comparisons on the hot path.
enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C

    /// RFC 9110 `tchar` (DIGIT, ALPHA and ``!#$%&'*+-.^_`|~``) as two 64-bit masks, bit n for
    /// byte n and byte 64 + n: validation is a shift and a test per byte, with no table to load
    /// nor lazy global to check (ValueTypeTests compares them with the definition).
    static let tokenMaskLow: UInt64 = 0x03FF_6CFA_0000_0000
    static let tokenMaskHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    @inline(__always)
    static func isToken(_ byte: UInt8) -> Bool {
        if byte < 64 { return tokenMaskLow >> UInt64(byte) & 1 != 0 }
        if byte < 128 { return tokenMaskHigh >> UInt64(byte - 64) & 1 != 0 }
        return false
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// Case-insensitive comparison of ASCII text; non-ASCII bytes must match exactly.
    static func equalsIgnoringCase<A: Collection<UInt8>, B: Collection<UInt8>>(_ a: A, _ b: B) -> Bool {
        guard a.count == b.count else { return false }
        var ia = a.startIndex
        var ib = b.startIndex
        while ia != a.endIndex {
            if lower(a[ia]) != lower(b[ib]) { return false }
            a.formIndex(after: &ia)
            b.formIndex(after: &ib)
        }
        return true
    }

    /// Header names are compared on every lookup: native strings are compared through their
    /// contiguous UTF-8, without index arithmetic on the views.
    static func equalsIgnoringCase(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let fast = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in
                for index in 0..<left.count where lower(left[index]) != lower(right[index]) {
                    return false
                }
                return true
            }
        }
        if let fast, let result = fast {
            return result
        }
        return equalsIgnoringCase(a.utf8, b.utf8)
    }

    /// Whether a byte may appear in a field value: obs-text (>= 0x80) yes, control characters
    /// other than HTAB (and DEL) no.
    @inline(__always)
    static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7F : byte == tab
    }

    /// Whether every byte is `isFieldValueByte`, eight at a time: a word with no byte below
    /// 0x20 and none equal to 0x7F is accepted whole (the tests are the exact "has a byte less
    /// than n" and "has a zero byte" word tricks); a word with one is checked byte by byte
    /// (a tab is allowed). Header values, a bearer token above all, are most of a request.
    static func isFieldValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let below = (word &- 0x20 &* ones) & ~word & highs
            let deleted = word ^ (0x7F &* ones)
            let delete = (deleted &- ones) & ~deleted & highs
            if below | delete != 0 {
                for offset in index..<(index + 8) where !isFieldValueByte(base[offset]) {
                    return false
                }
            }
            index += 8
        }
        while index < count {
            if !isFieldValueByte(base[index]) { return false }
            index += 1
        }
        return true
    }
}

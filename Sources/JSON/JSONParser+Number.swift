extension JSONParser {
    /// Exact powers of ten representable in a `Double`, for the Clinger fast path.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Integers that fit `Int64` become `.int` so ids and counts stay exact; anything with a
    /// fraction or exponent, or too large, becomes `.double`.
    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = position
        var i = position
        let negative = bytes[i] == .minus
        if negative { i += 1 }
        guard i < bytes.count else { throw endOfInput() }

        var mantissa: UInt64 = 0
        var mantissaOverflowed = false
        @inline(__always) func accumulate(_ byte: UInt8) {
            let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(byte &- .zero))
            if o1 || o2 { mantissaOverflowed = true } else { mantissa = sum }
        }

        let first = bytes[i]
        if first == .zero {
            i += 1
            if i < bytes.count, bytes[i].isASCIIDigit {
                throw JSONParseError(offset: start, message: "leading zeros are not allowed")
            }
        } else if first.isASCIIDigit {
            while i < bytes.count, bytes[i].isASCIIDigit {
                accumulate(bytes[i])
                i += 1
            }
        } else {
            throw JSONParseError(offset: i, message: "invalid number")
        }

        var isInteger = true
        var fractionDigits = 0
        if i < bytes.count, bytes[i] == .dot {
            isInteger = false
            i += 1
            guard i < bytes.count else { throw endOfInput() }
            guard bytes[i].isASCIIDigit else {
                throw JSONParseError(offset: i, message: "expected digit after decimal point")
            }
            while i < bytes.count, bytes[i].isASCIIDigit {
                if !mantissaOverflowed {
                    accumulate(bytes[i])
                    fractionDigits += 1
                }
                i += 1
            }
        }

        var exponent = 0
        if i < bytes.count, bytes[i] == .e || bytes[i] == .upperE {
            isInteger = false
            i += 1
            guard i < bytes.count else { throw endOfInput() }
            var exponentNegative = false
            if bytes[i] == .plus || bytes[i] == .minus {
                exponentNegative = bytes[i] == .minus
                i += 1
            }
            guard i < bytes.count else { throw endOfInput() }
            guard bytes[i].isASCIIDigit else {
                throw JSONParseError(offset: i, message: "expected digit in exponent")
            }
            while i < bytes.count, bytes[i].isASCIIDigit {
                // Clamped: anything this large over- or underflows a Double anyway.
                exponent = min(exponent * 10 + Int(bytes[i] &- .zero), 1_000_000)
                i += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        position = i

        if isInteger, !mantissaOverflowed {
            if !negative, mantissa <= UInt64(Int64.max) {
                return .int(Int64(mantissa))
            }
            if negative, mantissa <= UInt64(Int64.max) + 1 {
                return .int(Int64(truncatingIfNeeded: 0 &- mantissa))
            }
        }

        // Clinger's fast path: both operands are exact doubles, so one IEEE operation rounds
        // correctly. Everything else goes through the standard library's correct parser.
        let decimalExponent = exponent - fractionDigits
        if !mantissaOverflowed, mantissa <= 1 << 53, abs(decimalExponent) <= 22 {
            var value = Double(mantissa)
            let scale = Self.exactPowersOfTen[abs(decimalExponent)]
            value = decimalExponent < 0 ? value / scale : value * scale
            return .double(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError(offset: start, message: "number out of range")
        }
        return .double(value)
    }
}

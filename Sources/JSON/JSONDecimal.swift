/// Integers as JSON numbers: decimal digits, a leading `-` when negative.
enum JSONDecimal {
    /// The most bytes `write` produces: Int64.min has 19 digits and a sign.
    static let maximumLength = 20

    /// Writes `value` at `target` (room for `maximumLength` bytes) and returns its length.
    /// The digits are counted first, so they can be written in place from the last one, two
    /// per division (the POR answer writes 90 error codes; digit by digit into a temporary
    /// buffer was most of the cost of each).
    static func write(_ value: Int64, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var magnitude = value.magnitude
        // An Int64's magnitude is at most 2^63, 19 digits; 10^19 still fits in UInt64.
        var digits = 1
        var bound: UInt64 = 10
        while digits < 19, magnitude >= bound {
            digits += 1
            bound &*= 10
        }
        let sign = value < 0 ? 1 : 0
        if sign == 1 { target[0] = .minus }
        var position = sign + digits
        while magnitude >= 100 {
            let pair = Int(magnitude % 100)
            magnitude /= 100
            position -= 2
            target[position] = .zero &+ UInt8(truncatingIfNeeded: pair / 10)
            target[position + 1] = .zero &+ UInt8(truncatingIfNeeded: pair % 10)
        }
        if magnitude >= 10 {
            position -= 2
            target[position] = .zero &+ UInt8(truncatingIfNeeded: magnitude / 10)
            target[position + 1] = .zero &+ UInt8(truncatingIfNeeded: magnitude % 10)
        } else {
            position -= 1
            target[position] = .zero &+ UInt8(truncatingIfNeeded: magnitude)
        }
        return sign + digits
    }
}

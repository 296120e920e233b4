import Foundation

extension Timestamp {
    /// `2026-11-23T10:15:00.123Z`: the control plane's and the JSON log's times, to the
    /// millisecond (truncated, so the text is never later than the instant it stands for).
    public static func formatMilliseconds(_ date: Date) -> String {
        formatMilliseconds(milliseconds: wholeMilliseconds(date))
    }

    /// The time `milliseconds` after 1970 (see `wholeMilliseconds`) in the same form.
    public static func formatMilliseconds(milliseconds: Int64) -> String {
        let (seconds, fraction) = milliseconds.floorDividedWithRemainder(by: 1000)
        var text = format(Date(timeIntervalSince1970: Double(seconds)))
        text.removeLast()   // the Z, written again after the fraction
        return text + "." + String(fraction).leftPadded(to: 3) + "Z"
    }

    /// `date` truncated to the millisecond, as milliseconds since 1970, clamped to the years
    /// `format` can write (so converting never traps).
    public static func wholeMilliseconds(_ date: Date) -> Int64 {
        Int64((boundedInterval(date) * 1000).rounded(.down))
    }

    /// `date` to the nearest millisecond: for a time a client wrote with milliseconds, whose
    /// parsed value may fall a hair below the millisecond it names.
    public static func nearestMilliseconds(_ date: Date) -> Int64 {
        Int64((boundedInterval(date) * 1000).rounded())
    }

    private static func boundedInterval(_ date: Date) -> Double {
        let interval = date.timeIntervalSince1970
        return interval.isNaN ? 0 : min(max(interval, earliestFormattable), latestFormattable)
    }
}

private extension Int64 {
    /// Division rounding toward negative infinity: a time before 1970 still has a fraction of 0 to 999.
    func floorDividedWithRemainder(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = self / divisor
        var remainder = self % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}

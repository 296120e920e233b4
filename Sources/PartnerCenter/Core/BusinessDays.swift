import Foundation

/// SIM-1: business days skip Saturdays and Sundays (UTC). No public holidays are simulated.
/// Both computations jump whole weeks arithmetically (every 7 consecutive days hold exactly 5
/// business days) and step through at most one week, so their cost does not depend on the
/// count or the span they are given.
enum BusinessDays {
    /// Largest count `add` honours (about 3,800 years); larger ones are clamped to it, which
    /// lands past every date the simulator accepts anyway.
    static let maximumCount = 1_000_000

    static func isBusinessDay(_ date: Date) -> Bool {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e15 else { return false }
        var seconds = time_t(floor(interval))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts.tm_wday != 0 && parts.tm_wday != 6
    }

    /// The moment `count` business days after `date`, keeping the time of day. Starting on a
    /// weekend counts from the next Monday's equivalent, as a verification submitted on a
    /// Saturday is not worked on before Monday.
    static func add(_ count: Int, to date: Date) -> Date {
        guard count > 0 else { return date }
        let count = min(count, maximumCount)
        // Whole weeks first, leaving 1 to 5 business days to step through.
        let weeks = (count - 1) / 5
        var result = date.addingTimeInterval(Double(weeks) * 7 * 86_400)
        var remaining = count - weeks * 5
        // Any 7 days hold 5 business days, so 7 steps always suffice; the fixed bound keeps
        // even a date outside the calendar (where no day is a business day) from looping.
        for _ in 0..<7 where remaining > 0 {
            result = result.addingTimeInterval(86_400)
            if isBusinessDay(result) { remaining -= 1 }
        }
        return result
    }

    /// Number of whole business days from `start` to `end` (0 when end <= start).
    static func count(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        let span = end.timeIntervalSince(start) / 86_400
        guard span.isFinite, span < 1e9 else { return 0 }
        let totalDays = Int(span)   // whole days after start that are <= end
        let weeks = totalDays / 7
        var days = weeks * 5
        var cursor = start.addingTimeInterval(Double(weeks * 7 + 1) * 86_400)
        for _ in 0..<(totalDays - weeks * 7) {
            if isBusinessDay(cursor) { days += 1 }
            cursor = cursor.addingTimeInterval(86_400)
        }
        return days
    }
}

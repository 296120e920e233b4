import Foundation

/// SIM-1: business days skip Saturdays and Sundays (UTC). No public holidays are simulated.
enum BusinessDays {
    static func isBusinessDay(_ date: Date) -> Bool {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return parts.tm_wday != 0 && parts.tm_wday != 6
    }

    /// The moment `count` business days after `date`, keeping the time of day. Starting on a
    /// weekend counts from the next Monday's equivalent, as a verification submitted on a
    /// Saturday is not worked on before Monday.
    static func add(_ count: Int, to date: Date) -> Date {
        var result = date
        var remaining = count
        while remaining > 0 {
            result = result.addingTimeInterval(86_400)
            if isBusinessDay(result) { remaining -= 1 }
        }
        return result
    }

    /// Number of whole business days from `start` to `end` (0 when end <= start).
    static func count(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        var days = 0
        var cursor = start.addingTimeInterval(86_400)
        while cursor <= end {
            if isBusinessDay(cursor) { days += 1 }
            cursor = cursor.addingTimeInterval(86_400)
        }
        return days
    }
}

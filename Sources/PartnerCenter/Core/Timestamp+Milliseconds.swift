import Foundation

extension Timestamp {
    /// `2026-11-23T10:15:00.123Z`: the control plane's times (snapshots), where two events
    /// of one second must still be told apart. The milliseconds are truncated, as the seconds are.
    static func formatWithMilliseconds(_ date: Date) -> String {
        let seconds = Timestamp.format(date)
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, interval >= earliestFormattable, interval <= latestFormattable else {
            return seconds.dropLast() + ".000Z"
        }
        let milliseconds = min(999, max(0, Int((interval - interval.rounded(.down)) * 1000)))
        let digits = String(milliseconds)
        return seconds.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}

import Foundation

/// The .NET SDK formats the audit window with the invariant culture: `M/d/yyyy h:mm:ss tt`.
enum AuditDates {
    /// `6/1/2017 12:00:00 AM` as UTC (the time, or its seconds, may be left out; a 24-hour time
    /// without AM/PM is taken too; `+` reads as a space); nil for anything else.
    static func usInvariant(_ text: String) -> Date? {
        let parts = text.replacingOccurrences(of: "+", with: " ").split(separator: " ")
        guard (1...3).contains(parts.count), let date = numbers(parts[0], separator: "/", count: 3),
              (1...12).contains(date[0]), (1...31).contains(date[1]), parts[0].split(separator: "/")[2].count == 4 else { return nil }
        var time = [0, 0, 0]
        if parts.count >= 2 {
            guard let given = numbers(parts[1], separator: ":", count: nil), (2...3).contains(given.count) else { return nil }
            time = given + (given.count == 2 ? [0] : [])
            guard (0...59).contains(time[1]), (0...59).contains(time[2]) else { return nil }
            if parts.count == 3 {
                guard (1...12).contains(time[0]) else { return nil }
                switch parts[2].uppercased() {
                case "AM": time[0] %= 12
                case "PM": time[0] = time[0] % 12 + 12
                default: return nil
                }
            } else {
                guard (0...23).contains(time[0]) else { return nil }
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: date[2], month: date[0], day: date[1], hour: time[0], minute: time[1], second: time[2])
        // A day the month does not have (2/30) does not roll over into the next month.
        guard let parsed = calendar.date(from: components), calendar.component(.day, from: parsed) == date[1] else { return nil }
        return parsed
    }

    /// `text` split at `separator` into ASCII decimal numbers of 1 to 4 digits (exactly
    /// `count` of them when given); nil if any part is anything else.
    private static func numbers(_ text: Substring, separator: Character, count: Int?) -> [Int]? {
        let fields = text.split(separator: separator, omittingEmptySubsequences: false)
        if let count, fields.count != count { return nil }
        var values: [Int] = []
        for field in fields {
            guard (1...4).contains(field.count), field.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(field) else { return nil }
            values.append(value)
        }
        return values
    }
}

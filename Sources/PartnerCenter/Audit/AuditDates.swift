import Foundation

/// The .NET SDK formats the audit window with the invariant culture: `M/d/yyyy h:mm:ss tt`.
enum AuditDates {
    /// `6/1/2017 12:00:00 AM` (the time, or its seconds, may be left out; `+` reads as a
    /// space), as UTC; nil for anything else.
    static func usInvariant(_ text: String) -> Date? {
        let parts = text.replacingOccurrences(of: "+", with: " ").split(separator: " ", omittingEmptySubsequences: true)
        guard (1...3).contains(parts.count) else { return nil }
        let day = parts[0].split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard day.count == 3, let month = day[0], let dayOfMonth = day[1], let year = day[2],
              parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "/") }), (1...12).contains(month), (1...31).contains(dayOfMonth),
              (1...9999).contains(year), String(year).count <= 4, day.count == 3, parts[0].split(separator: "/")[2].count == 4 else { return nil }
        var hour = 0, minute = 0, second = 0
        if parts.count >= 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(time.count), parts[1].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }),
                  let h = time[0], let m = time[1], (0...59).contains(m) else { return nil }
            hour = h; minute = m
            if time.count == 3 {
                guard let s = time[2], (0...59).contains(s) else { return nil }
                second = s
            }
            if parts.count == 3 {
                guard (1...12).contains(hour) else { return nil }
                switch parts[2].uppercased() {
                case "AM": if hour == 12 { hour = 0 }
                case "PM": if hour != 12 { hour += 12 }
                default: return nil
                }
            } else {
                guard (0...23).contains(hour) else { return nil }
            }
        }
        var components = DateComponents()
        components.year = year; components.month = month; components.day = dayOfMonth
        components.hour = hour; components.minute = minute; components.second = second
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = calendar.date(from: components),
              calendar.component(.day, from: date) == dayOfMonth else { return nil }
        return date
    }
}

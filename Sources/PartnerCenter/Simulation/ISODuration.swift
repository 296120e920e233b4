import Foundation

/// An ISO 8601 duration such as `P5D`, `PT36H`, `P1Y2M`, `P2W` (SIM-1 clock advance,
/// subscription terms). Years and months are calendar units, so they are applied with a
/// UTC calendar rather than converted to seconds.
struct ISODuration: Equatable, Sendable {
    var years = 0, months = 0, weeks = 0, days = 0
    var hours = 0, minutes = 0
    var seconds = 0.0

    init?(_ text: String) {
        var chars = Substring(text.uppercased())
        guard chars.first == "P", chars.count > 1 else { return nil }
        chars = chars.dropFirst()
        var inTime = false
        var sawComponent = false
        while !chars.isEmpty {
            if chars.first == "T" {
                guard !inTime else { return nil }
                inTime = true
                chars = chars.dropFirst()
                continue
            }
            let digits = chars.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty else { return nil }
            chars = chars.dropFirst(digits.count)
            guard let unit = chars.first else { return nil }
            chars = chars.dropFirst()
            guard let value = Double(digits), value.isFinite else { return nil }
            let whole = Int(value)
            // Only seconds may carry a fraction: anything else is ambiguous on a calendar.
            guard Double(whole) == value || (inTime && unit == "S") else { return nil }
            switch (inTime, unit) {
            case (false, "Y"): years = whole
            case (false, "M"): months = whole
            case (false, "W"): weeks = whole
            case (false, "D"): days = whole
            case (true, "H"): hours = whole
            case (true, "M"): minutes = whole
            case (true, "S"): seconds = value
            default: return nil
            }
            sawComponent = true
        }
        guard sawComponent else { return nil }
    }

    func added(to date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var components = DateComponents()
        components.year = years
        components.month = months
        components.day = days + weeks * 7
        let dated = calendar.date(byAdding: components, to: date) ?? date
        return dated.addingTimeInterval(Double(hours * 3600 + minutes * 60) + seconds)
    }
}

import Foundation

/// An ISO 8601 duration such as `P5D`, `PT36H`, `P1Y2M`, `P2W` (SIM-1 clock advance,
/// subscription terms). Years and months are calendar units, so they are applied with a
/// UTC calendar rather than converted to seconds.
struct ISODuration: Equatable, Sendable {
    var years = 0, months = 0, weeks = 0, days = 0
    var hours = 0, minutes = 0
    var seconds = 0.0

    /// Largest number one component may carry (a million days is about 2,700 years).
    static let maximumComponent = 1_000_000.0

    init?(_ text: String) {
        var chars = Substring(text.uppercased())
        guard chars.first == "P", chars.count > 1 else { return nil }
        chars = chars.dropFirst()
        var inTime = false
        var sawComponent = false
        var sawTimeComponent = false
        // Designators must appear once each, in ISO 8601 order (P1D2D and P1D1Y are refused).
        var lastRank = -1
        while !chars.isEmpty {
            if chars.first == "T" {
                guard !inTime else { return nil }
                inTime = true
                chars = chars.dropFirst()
                continue
            }
            let digits = chars.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !digits.isEmpty else { return nil }
            chars = chars.dropFirst(digits.count)
            guard let unit = chars.first else { return nil }
            chars = chars.dropFirst()
            // Bounded so that calendar and second arithmetic cannot overflow (Int(1e20) traps).
            guard let value = Double(digits), value.isFinite, value <= Self.maximumComponent else { return nil }
            let whole = Int(value)
            // Only seconds may carry a fraction: anything else is ambiguous on a calendar.
            guard Double(whole) == value || (inTime && unit == "S") else { return nil }
            let rank: Int
            switch (inTime, unit) {
            case (false, "Y"): years = whole; rank = 0
            case (false, "M"): months = whole; rank = 1
            case (false, "W"): weeks = whole; rank = 2
            case (false, "D"): days = whole; rank = 3
            case (true, "H"): hours = whole; rank = 4
            case (true, "M"): minutes = whole; rank = 5
            case (true, "S"): seconds = value; rank = 6
            default: return nil
            }
            guard rank > lastRank else { return nil }
            lastRank = rank
            sawComponent = true
            if inTime { sawTimeComponent = true }
        }
        // "P1DT" is not a duration: a T must be followed by a time component.
        guard !inTime || sawTimeComponent else { return nil }
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

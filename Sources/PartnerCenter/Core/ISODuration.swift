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

    /// The zero duration, to set components on.
    init() {}

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
        added(1, to: date) ?? date
    }

    /// True when every component is zero (`P0D`, `PT0S`): such a duration never moves a date,
    /// so it is refused wherever a term or a clock step is expected.
    var isZero: Bool {
        years == 0 && months == 0 && weeks == 0 && days == 0 && hours == 0 && minutes == 0 && seconds == 0
    }

    /// The length in seconds with average calendar units (a year of 365.2425 days, a month
    /// of a twelfth of that): for bounds and estimates, never for dates.
    var approximateSeconds: Double {
        let day = 86_400.0
        return (Double(years) * 365.2425 + Double(months) * 30.436875 + Double(weeks) * 7 + Double(days)) * day
            + Double(hours) * 3600 + Double(minutes) * 60 + seconds
    }

    /// `date` plus `count` times this duration, the calendar units multiplied first (so
    /// Jan 31 + 2 x P1M is Mar 31, not Mar 28). Nil when the multiplication overflows or the
    /// calendar cannot represent the result.
    func added(_ count: Int, to date: Date) -> Date? {
        let (y, o1) = years.multipliedReportingOverflow(by: count)
        let (m, o2) = months.multipliedReportingOverflow(by: count)
        let (w, o3) = (weeks * 7 + days).multipliedReportingOverflow(by: count)
        let (t, o4) = (hours * 3600 + minutes * 60).multipliedReportingOverflow(by: count)
        guard !(o1 || o2 || o3 || o4) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        var components = DateComponents()
        components.year = y
        components.month = m
        components.day = w
        guard let dated = y == 0 && m == 0 && w == 0 ? date : calendar.date(byAdding: components, to: date) else { return nil }
        let interval = Double(t) + seconds * Double(count)
        guard interval.isFinite else { return nil }
        return dated.addingTimeInterval(interval)
    }

    /// The number of whole durations that fit between `start` and `date`: the k >= 0 with
    /// start + k x self <= date < start + (k + 1) x self (0 when `date` is before `start`).
    /// Computed from an estimate and corrected by a few steps, so its cost does not depend on
    /// how far apart the dates are; nil for a zero duration or when no answer is found within
    /// the bounded correction (which the estimate's accuracy rules out for real calendars).
    func wholeSteps(from start: Date, to date: Date) -> Int? {
        guard !isZero, approximateSeconds > 0 else { return nil }
        guard date >= start else { return 0 }
        let estimate = date.timeIntervalSince(start) / approximateSeconds
        guard estimate.isFinite, estimate < 1e12 else { return nil }
        var count = Int(estimate)
        for _ in 0..<Self.correctionSteps {
            guard let lower = added(count, to: start) else { return nil }
            if lower > date {
                guard count > 0 else { return 0 }
                count -= 1
                continue
            }
            guard let upper = added(count + 1, to: start) else { return nil }
            if upper <= date {
                count += 1
                continue
            }
            return count
        }
        return nil
    }

    private static let correctionSteps = 16

    /// The first moment after `date` reached from `start` in whole durations (at least one):
    /// the next term end of a term that started at `start`.
    func firstEnd(after date: Date, from start: Date) -> Date? {
        guard let steps = wholeSteps(from: start, to: date) else { return nil }
        return added(steps + 1, to: start)
    }

    /// The duration in `text` when it is one a client may give: well formed, not zero, and at
    /// most InputLimits.longestDuration. Errors name `field`.
    static func positive(_ text: String, field: String) throws(APIError) -> ISODuration {
        guard let duration = ISODuration(text) else {
            throw APIError.invalidField(field, "must be an ISO 8601 duration such as P1M, P5D or PT36H")
        }
        guard !duration.isZero else { throw APIError.invalidField(field, "must be a positive duration, not \(text)") }
        guard duration.approximateSeconds <= InputLimits.longestDuration else {
            throw APIError.invalidField(field, "must be at most 1000 years")
        }
        return duration
    }
}

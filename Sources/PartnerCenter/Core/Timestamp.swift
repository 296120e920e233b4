import Foundation

/// ISO 8601 UTC timestamps as the API and the database carry them (`2026-11-23T10:15:00Z`).
/// Hand-written because they sit on hot paths and must sort as text in SQLite.
public enum Timestamp {
    /// Dates outside years 0000 to 9999 are written as the nearest end of that range: they only
    /// arise from clamped arithmetic, and converting an unbounded Double to time_t would trap.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let bounded = interval.isNaN ? 0 : min(max(interval, earliestFormattable), latestFormattable)
        var seconds = time_t(floor(bounded))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Digits written by hand: `String(format:)` went through Foundation's format parser and
        // was a tenth of the cost of a 100-subscription transfer, which formats hundreds of times.
        var text = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, _ start: Int, _ width: Int) {
            var remaining = value
            for position in stride(from: start + width - 1, through: start, by: -1) {
                text[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, 0, 4)
        text[4] = UInt8(ascii: "-")
        put(Int(parts.tm_mon) + 1, 5, 2)
        text[7] = UInt8(ascii: "-")
        put(Int(parts.tm_mday), 8, 2)
        text[10] = UInt8(ascii: "T")
        put(Int(parts.tm_hour), 11, 2)
        text[13] = UInt8(ascii: ":")
        put(Int(parts.tm_min), 14, 2)
        text[16] = UInt8(ascii: ":")
        put(Int(parts.tm_sec), 17, 2)
        text[19] = UInt8(ascii: "Z")
        return String(decoding: text, as: UTF8.self)
    }

    static let earliestFormattable: TimeInterval = -62_167_219_200   // 0000-01-01T00:00:00Z
    static let latestFormattable: TimeInterval = 253_402_300_799     // 9999-12-31T23:59:59Z

    /// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or `±HH:MM`.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        guard let year = number(0, 4), byte(4) == UInt8(ascii: "-"), let month = number(5, 2),
              byte(7) == UInt8(ascii: "-"), let day = number(8, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var index = 10
        var offsetSeconds = 0
        if bytes.count > 10 {
            guard byte(10) == UInt8(ascii: "T") || byte(10) == UInt8(ascii: " "),
                  let h = number(11, 2), byte(13) == UInt8(ascii: ":"), let m = number(14, 2) else { return nil }
            hour = h; minute = m; index = 16
            if byte(16) == UInt8(ascii: ":") {
                guard let s = number(17, 2) else { return nil }
                second = s; index = 19
                if byte(19) == UInt8(ascii: ".") {
                    var digits = 0
                    var scale = 0.1
                    index = 20
                    while let b = byte(index), b >= 48, b <= 57 {
                        fraction += Double(b - 48) * scale
                        scale /= 10; digits += 1; index += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
            switch byte(index) {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = byte(index) == UInt8(ascii: "+") ? 1 : -1
                guard let oh = number(index + 1, 2), byte(index + 3) == UInt8(ascii: ":"),
                      let om = number(index + 4, 2) else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
                index += 6
            default:
                return nil
            }
            guard index == bytes.count else { return nil }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        // timegm normalizes 31 February into March: refuse dates that do not exist.
        guard parts.tm_mday == Int32(day), parts.tm_mon == Int32(month - 1) else { return nil }
        return Date(timeIntervalSince1970: Double(epoch) + fraction - Double(offsetSeconds))
    }
}

import Foundation

/// The answer of GET and POST /_sim/clock: the simulated now.
struct ClockReading: Encodable, Sendable {
    let now: String
    let isBusinessDay: Bool

    init(_ now: Date) {
        self.now = Timestamp.format(now)
        isBusinessDay = BusinessDays.isBusinessDay(now)
    }
}

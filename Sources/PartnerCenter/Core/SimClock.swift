import Foundation
import Synchronization

/// SIM-1: the one simulated clock. It runs with real time from an offset, so "now" moves
/// both when a test advances it and when wall-clock time passes (SIM-2).
public final class SimClock: Sendable {
    private let offset: Mutex<TimeInterval>

    public init(offset: TimeInterval = 0) {
        self.offset = Mutex(offset)
    }

    public var now: Date {
        let current = offset.withLock { $0 }
        return Date().addingTimeInterval(current)
    }

    public var currentOffset: TimeInterval { offset.withLock { $0 } }

    /// Sets the clock to `date`; returns the new offset so callers can persist it.
    @discardableResult
    public func set(_ date: Date) -> TimeInterval {
        let value = date.timeIntervalSince(Date())
        offset.withLock { $0 = value }
        return value
    }

    @discardableResult
    public func advance(by seconds: TimeInterval) -> TimeInterval {
        offset.withLock { value in
            value += seconds
            return value
        }
    }

    public func restore(offset value: TimeInterval) {
        offset.withLock { $0 = value }
    }
}

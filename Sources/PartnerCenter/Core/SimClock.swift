import Foundation
import Synchronization

/// SIM-1: the one simulated clock. It runs with real time from an offset, so "now" moves
/// both when a test advances it and when wall-clock time passes (SIM-2).
///
/// The offset is an atomic (the Double's bits): every request reads the clock, and a lock
/// here made the request threads queue on each other.
public final class SimClock: Sendable {
    private let bits: Atomic<UInt64>

    public init(offset: TimeInterval = 0) {
        bits = Atomic(offset.bitPattern)
    }

    public var now: Date {
        Date().addingTimeInterval(currentOffset)
    }

    public var currentOffset: TimeInterval { TimeInterval(bitPattern: bits.load(ordering: .acquiring)) }

    /// Sets the clock to `date`; returns the new offset so callers can persist it.
    @discardableResult
    public func set(_ date: Date) -> TimeInterval {
        let value = date.timeIntervalSince(Date())
        bits.store(value.bitPattern, ordering: .releasing)
        return value
    }

    @discardableResult
    public func advance(by seconds: TimeInterval) -> TimeInterval {
        var current = bits.load(ordering: .acquiring)
        while true {
            let next = (TimeInterval(bitPattern: current) + seconds).bitPattern
            let (exchanged, original) = bits.compareExchange(expected: current, desired: next, ordering: .acquiringAndReleasing)
            if exchanged { return TimeInterval(bitPattern: next) }
            current = original
        }
    }

    public func restore(offset value: TimeInterval) {
        bits.store(value.bitPattern, ordering: .releasing)
    }
}

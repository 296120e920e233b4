import Foundation

extension Services {
    /// SIM-1: puts the simulated clock `offset` seconds from real time (0 is real time). The
    /// offset is persisted and the transitions due at the new now (SIM-2) are applied in one
    /// transaction, then the offset is published to the in-memory clock as every control-plane
    /// write publishes it (`readWorld`), in commit order. Returns the new simulated now.
    @discardableResult
    public func moveClock(offset: TimeInterval) throws -> Date {
        let target = Date().addingTimeInterval(offset)
        let moved = OperationContext(principal: nil, now: target, services: self)
        let world = try database.write { db in
            try Settings.set(Settings.clockOffset, String(offset), db)
            try transitions.apply(moved, db)
            return try readWorld(db)
        }
        publishWorld(world)
        return target
    }

    /// `moveClock(offset:)` to the simulated time `date`.
    @discardableResult
    public func moveClock(to date: Date) throws -> Date {
        try moveClock(offset: date.timeIntervalSince(Date()))
    }
}

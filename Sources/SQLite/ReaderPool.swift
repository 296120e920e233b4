import Foundation

/// A fixed set of read-only connections; a caller checks one out, blocking while all are busy.
// @unchecked Sendable: `available` and `isClosed` are touched only while `condition` is locked,
// and a connection index is owned by exactly one caller between checkout and checkin, so each
// NOMUTEX connection is used by one thread at a time.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private let connections: [Connection]
    /// Indices of idle connections, used as a stack so the most recently used (warmest cache) goes first.
    private var available: [Int]
    private var isClosed = false

    init(path: String, count: Int) throws {
        connections = try (0..<count).map { _ in try Connection(path: path, readOnly: true) }
        available = Array(connections.indices)
    }

    /// Not reentrant: nesting more reads than there are connections on one thread deadlocks.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let index = try checkout()
        defer { checkin(index) }
        return try body(connections[index])
    }

    private func checkout() throws -> Int {
        condition.lock()
        defer { condition.unlock() }
        while !isClosed && available.isEmpty {
            condition.wait()
        }
        guard !isClosed, let index = available.popLast() else { throw SQLiteError.databaseClosed }
        return index
    }

    private func checkin(_ index: Int) {
        condition.lock()
        defer { condition.unlock() }
        available.append(index)
        // While closing, close() is among the waiters and must not miss the wake-up.
        if isClosed { condition.broadcast() } else { condition.signal() }
    }

    /// Refuses new checkouts, waits for in-flight reads to finish, then closes every connection.
    func close() {
        condition.lock()
        defer { condition.unlock() }
        guard !isClosed else { return }
        isClosed = true
        condition.broadcast()
        while available.count < connections.count {
            condition.wait()
        }
        for connection in connections {
            connection.close()
        }
    }
}

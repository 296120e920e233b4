import Foundation

/// The single writer connection behind a lock, so writes run one at a time.
// @unchecked Sendable: `connection` is read and written only while `lock` is held, so at most
// one thread uses the NOMUTEX connection at a time, and the lock orders memory between threads.
final class SerializedConnection: @unchecked Sendable {
    private let lock = NSLock()
    private var connection: Connection?

    init(_ connection: Connection) {
        self.connection = connection
    }

    /// Runs `body` with exclusive use of the connection. Not reentrant: calling it again from
    /// inside `body` on the same thread deadlocks.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else { throw SQLiteError.databaseClosed }
        return try body(connection)
    }

    /// Waits for the current user, lets `finish` run last words, then closes; idempotent.
    func close(_ finish: (Connection) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard let connection else { return }
        finish(connection)
        connection.close()
        self.connection = nil
    }
}

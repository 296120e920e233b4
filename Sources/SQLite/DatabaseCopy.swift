/// A whole database held in memory: what `Database.snapshot()` copies out and
/// `Database.restore(from:)` copies back. Its own private in-memory SQLite database, so it
/// costs about its page count times its page size of memory and nothing on disk, and lives as
/// long as this object.
public final class DatabaseCopy: Sendable {
    private let connection: SerializedConnection
    /// The page size it was copied with: it can only be restored over a database of the same.
    public let pageSize: Int

    /// A copy of `source`'s main database (a fresh in-memory database takes its page size).
    init(copying source: Connection) throws {
        let memory = try Connection(path: ":memory:")
        try source.copyMainDatabase(to: memory)
        pageSize = try memory.pageSize()
        connection = SerializedConnection(memory)
    }

    /// The memory its pages take: page count times page size.
    public func sizeBytes() throws -> Int {
        try connection.withConnection { try $0.pageCount() * $0.pageSize() }
    }

    /// Runs `body` on the copy inside a deferred transaction (one consistent view).
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try connection.withConnection { db in try db.transaction(.deferred) { try body(db) } }
    }

    /// Exclusive use of the copy's connection, outside any transaction (Database's copies).
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try connection.withConnection(body)
    }
}

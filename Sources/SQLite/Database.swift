#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A database file with one serialized writer and a pool of read-only WAL readers, so reads
/// never queue behind writes.
///
/// Neither `write` nor `read` is reentrant: do not call them from inside another `write`/`read`
/// body (use the `Connection` you were given). Reads see only committed data, so a read started
/// inside a write body would not see that write.
public final class Database: Sendable {
    public let path: String
    /// Counts finished write calls: a value derived from the database and tagged with the
    /// generation read before its read transaction began stays valid while the generation is
    /// unchanged. (The app's read caches use the finer `watch` instead.)
    let writes = Atomic<UInt64>(0)
    let writer: SerializedConnection
    /// Pages restores wrote to the WAL since the last checkpoint they made (Database+Snapshots);
    /// changed only while the writer is held.
    let restoredPages = Atomic<Int>(0)
    /// Nil for in-memory databases: each in-memory connection is a separate database, so WAL
    /// readers are impossible and the writer connection serves reads too (reads then wait for writes).
    let readers: ReaderPool?

    /// Opens (creating if needed) the file at `path` in WAL mode with `readerCount` reader
    /// connections (at least one). ":memory:" behaves like `inMemory()`.
    ///
    /// - Parameter newFileMode: permissions of the file when this call creates it (SQLite would
    ///   create it 0644 under the usual umask); SQLite gives its `-wal` and `-shm` files the
    ///   database file's permissions. An existing file keeps its own.
    public init(path: String, readerCount: Int = 4, newFileMode: mode_t? = nil) throws {
        self.path = path
        if let newFileMode, !Connection.isInMemory(path: path), !Self.exists(path) {
            // Only when nothing is there (a symbolic link is followed, so a dangling link's
            // target is created with the mode too): an existing file is never opened here,
            // since closing a descriptor drops this process's POSIX locks on the file. A
            // failure is not reported: SQLite's open below reports it better.
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, newFileMode)
            #if canImport(Glibc)
            if fd >= 0 { _ = Glibc.close(fd) }
            #else
            if fd >= 0 { _ = Darwin.close(fd) }
            #endif
        }
        // The writer opens first: it creates the file and switches it to WAL, which the
        // read-only readers cannot do themselves.
        writer = SerializedConnection(try Connection(path: path))
        readers = Connection.isInMemory(path: path)
            ? nil
            : try ReaderPool(path: path, count: max(1, readerCount))
    }

    /// Whether something is at `path`, following symbolic links (stat(2)).
    private static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 || errno != ENOENT
    }

    /// A private in-memory database; one connection serves reads and writes, one at a time.
    public static func inMemory() throws -> Database {
        try Database(path: ":memory:")
    }

    /// Runs `body` alone (writers are serialized) inside BEGIN IMMEDIATE ... COMMIT.
    /// Anything thrown rolls the transaction back and is rethrown unchanged.
    ///
    /// With a watch installed (`watch`), the rows it changed in watched tables are announced to
    /// the observer just before COMMIT and the end is announced right after (see ChangeObserver);
    /// a body that throws changed nothing, so nothing is announced.
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        defer { writes.add(1, ordering: .sequentiallyConsistent) }
        return try writer.withConnection { connection in
            guard let collector = connection.changeCollector else {
                return try connection.transaction(.immediate) { try body(connection) }
            }
            var announced = false
            defer {
                collector.discard()
                if announced { collector.observer.didEnd() }
            }
            return try connection.transaction(.immediate, beforeCommit: {
                let changes = collector.take()
                guard !changes.isEmpty else { return }
                announced = true
                collector.observer.willCommit(changes)
            }) { try body(connection) }
        }
    }

    /// Serialized like `write` but with no implicit transaction, for migrations and pragmas.
    /// Watched changes are announced after the body, when its statements already committed:
    /// nothing of the kind runs while readers are serving.
    public func writeWithoutTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        defer { writes.add(1, ordering: .sequentiallyConsistent) }
        return try writer.withConnection { connection in
            defer {
                if let collector = connection.changeCollector {
                    let changes = collector.take()
                    if !changes.isEmpty {
                        collector.observer.willCommit(changes)
                        collector.observer.didEnd()
                    }
                }
            }
            return try body(connection)
        }
    }

    /// Reports every later row change of `tables` to `observer` (replacing an earlier watch).
    /// Install it once the schema is in place: the watch is a set of temporary triggers on the
    /// writer connection, and a table dropped later takes its triggers with it.
    public func watch(_ tables: [WatchedTable], observer: some ChangeObserver) throws {
        try writer.withConnection { connection in
            try connection.installWatch(tables, ChangeCollector(observer: observer, tables: tables))
        }
    }

    /// The write generation: changes after every write (committed or rolled back).
    public var generation: UInt64 { writes.load(ordering: .sequentiallyConsistent) }

    /// Runs `body` on a reader connection inside a deferred transaction, so every query in it
    /// sees the same committed snapshot. Blocks while all readers are busy.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let snapshot: (Connection) throws -> T = { connection in
            try connection.transaction(.deferred) { try body(connection) }
        }
        if let readers { return try readers.withConnection(snapshot) }
        return try writer.withConnection(snapshot)
    }

    /// Waits for running work, checkpoints the WAL into the main file and closes every
    /// connection. Later `read`/`write` calls throw; calling `close` again does nothing.
    public func close() {
        // Readers first: the checkpoint cannot move past a snapshot a reader still holds.
        readers?.close()
        let isFile = readers != nil
        writer.close { connection in
            // Best effort: the WAL is already durable, a failed checkpoint only leaves it larger.
            if isFile { try? connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        }
    }
}

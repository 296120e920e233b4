import Foundation
import Synchronization
import Testing
import SQLite

/// Records what `Database.watch` announces, and what a reader sees at each announcement.
private final class RecordingObserver: ChangeObserver {
    struct Event: Sendable, Equatable {
        var kind: String
        var changes: Set<RowChange> = []
        /// The watched value as a reader connection saw it at that moment.
        var readerSaw: Int64? = nil
    }
    private let events = Mutex<[Event]>([])
    /// Set once the database exists: reads `t.v` of row 1 from a reader connection.
    let peek = Mutex<(@Sendable () -> Int64?)?>(nil)

    var recorded: [Event] { events.withLock { $0 } }

    func willCommit(_ changes: [RowChange]) {
        let seen = peek.withLock { $0 }?()
        events.withLock { $0.append(Event(kind: "willCommit", changes: Set(changes), readerSaw: seen)) }
    }

    func willReplaceAll() {
        let seen = peek.withLock { $0 }?()
        events.withLock { $0.append(Event(kind: "willReplaceAll", readerSaw: seen)) }
    }

    func didEnd() {
        let seen = peek.withLock { $0 }?()
        events.withLock { $0.append(Event(kind: "didEnd", readerSaw: seen)) }
    }
}

@Suite("Database change watch")
struct ChangeWatchTests {
    private func makeDatabase(_ directory: TempDirectory) throws -> (Database, RecordingObserver) {
        let db = try Database(path: directory.path("watch.sqlite"), readerCount: 2)
        try db.write { connection in
            try connection.execute("""
                CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v INTEGER);
                CREATE TABLE u (id TEXT PRIMARY KEY, w INTEGER) WITHOUT ROWID;
                CREATE TABLE other (x INTEGER);
                INSERT INTO t VALUES (1, 'a', 10);
                """)
        }
        let observer = RecordingObserver()
        try db.watch([WatchedTable("t", keyColumns: ["k"]), WatchedTable("u", keyColumns: ["id"])], observer: observer)
        observer.peek.withLock { peek in
            peek = { try? db.read { connection in
                if case .integer(let v) = try connection.scalar("SELECT v FROM t WHERE id = 1") { return v }
                return nil
            } }
        }
        return (db, observer)
    }

    private func change(_ table: String, _ column: String, _ value: String?) -> RowChange {
        RowChange(table: table, columns: [column], values: [value.map { .text($0) } ?? .null])
    }

    @Test("inserts, updates (old and new key) and deletes of watched tables are announced, WITHOUT ROWID ones too")
    func announcesRowChanges() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let (db, observer) = try makeDatabase(directory)
        defer { db.close() }
        try db.write { connection in
            try connection.run("INSERT INTO t VALUES (2, 'b', 20)")
            try connection.run("UPDATE t SET k = 'c' WHERE id = 2")
            try connection.run("DELETE FROM t WHERE id = 2")
            try connection.run("INSERT INTO u VALUES ('x', 1)")
        }
        let events = observer.recorded
        #expect(events.map(\.kind) == ["willCommit", "didEnd"])
        #expect(events.first?.changes == [change("t", "k", "b"), change("t", "k", "c"), change("u", "id", "x")])
    }

    @Test("the announcement comes before readers can see the write, the end after")
    func bracketsTheCommit() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let (db, observer) = try makeDatabase(directory)
        defer { db.close() }
        try db.write { connection in try connection.run("UPDATE t SET v = 11 WHERE id = 1") }
        let events = observer.recorded
        #expect(events.map(\.kind) == ["willCommit", "didEnd"])
        #expect(events.first?.readerSaw == 10)
        #expect(events.last?.readerSaw == 11)
        #expect(events.first?.changes == [change("t", "k", "a")])
    }

    @Test("a write that throws, or that touches only unwatched tables, announces nothing")
    func silentWhenNothingCommits() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let (db, observer) = try makeDatabase(directory)
        defer { db.close() }
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.write { connection in
                try connection.run("UPDATE t SET v = 99 WHERE id = 1")
                throw Abort()
            }
        }
        try db.write { connection in try connection.run("INSERT INTO other VALUES (1)") }
        #expect(observer.recorded.isEmpty)
        // The rolled-back change does not leak into the next transaction's announcement either.
        try db.write { connection in try connection.run("INSERT INTO u VALUES ('y', 2)") }
        #expect(observer.recorded.first?.changes == [change("u", "id", "y")])
    }

    @Test("a failed COMMIT still ends what it announced")
    func failedCommitEnds() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let (db, observer) = try makeDatabase(directory)
        defer { db.close() }
        try db.write { connection in
            try connection.execute("""
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
                """)
        }
        #expect(throws: SQLiteError.self) {
            try db.write { connection in
                try connection.run("UPDATE t SET v = 12 WHERE id = 1")
                try connection.run("INSERT INTO child VALUES (42)")   // fails at COMMIT
            }
        }
        #expect(observer.recorded.map(\.kind) == ["willCommit", "didEnd"])
        #expect(observer.recorded.last?.readerSaw == 10)
    }

    @Test("the watch lives in the writer connection: the file's schema gains no trigger")
    func leavesTheSchemaAlone() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let (db, _) = try makeDatabase(directory)
        defer { db.close() }
        let triggers = try db.read { connection in try connection.scalar("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") }
        #expect(triggers == .integer(0))
        let temp = try db.write { connection in try connection.scalar("SELECT count(*) FROM sqlite_temp_schema WHERE type = 'trigger'") }
        #expect(temp == .integer(6))
    }

    @Test("a table or column that is not a plain identifier is refused")
    func refusesOddNames() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let (db, observer) = try makeDatabase(directory)
        defer { db.close() }
        #expect(throws: SQLiteError.self) { try db.watch([WatchedTable("t; DROP TABLE t", keyColumns: ["k"])], observer: observer) }
        #expect(throws: SQLiteError.self) { try db.watch([WatchedTable("t", keyColumns: ["k)"])], observer: observer) }
        #expect(throws: SQLiteError.self) { try db.watch([WatchedTable("t", keyColumns: [])], observer: observer) }
        #expect(try db.read { connection in try connection.scalar("SELECT count(*) FROM t") } == .integer(1))
    }
}

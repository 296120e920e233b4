import Dispatch
import Foundation
import Synchronization
import Testing
import SQLite

/// Hears what a restore announces: the whole-database replacement and its end, and the row
/// changes of later writes (the TEMP triggers must survive the restore).
private final class ReplacementObserver: ChangeObserver {
    private let events = Mutex<[String]>([])
    var recorded: [String] { events.withLock { $0 } }

    func willCommit(_ changes: [RowChange]) {
        events.withLock { $0.append("willCommit " + changes.compactMap { $0.text("k") }.sorted().joined(separator: ",")) }
    }

    func willReplaceAll() { events.withLock { $0.append("willReplaceAll") } }
    func didEnd() { events.withLock { $0.append("didEnd") } }
}

@Suite("Database snapshots (backup API)")
struct DatabaseSnapshotTests {
    private func makeFileDatabase(_ directory: TempDirectory) throws -> Database {
        let db = try Database(path: directory.path("snap.sqlite"), readerCount: 2)
        try db.write { connection in
            try connection.execute("""
                CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID;
                INSERT INTO t VALUES ('a', 1), ('b', 2);
                """)
        }
        return db
    }

    private func values(_ db: Database) throws -> [String: Int64] {
        try db.read { connection in
            var result: [String: Int64] = [:]
            for row in try connection.query("SELECT k, v FROM t") {
                if let k = row.string("k"), let v = row.int64("v") { result[k] = v }
            }
            return result
        }
    }

    private func tableNames(_ db: Database) throws -> [String] {
        try db.read { connection in
            try connection.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").compactMap { $0.string("name") }
        }
    }

    @Test("a restore puts back every row and the schema of the snapshot, on a WAL file with readers")
    func restoresFileDatabase() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let copy = try db.snapshot()
        #expect(try copy.sizeBytes() == (try copy.read { c in try c.scalar("PRAGMA page_count") }).intValue * copy.pageSize)
        #expect(try copy.read { c in try c.scalar("SELECT v FROM t WHERE k = 'b'") } == .integer(2))

        try db.write { connection in
            try connection.run("UPDATE t SET v = 20 WHERE k = 'b'")
            try connection.run("DELETE FROM t WHERE k = 'a'")
            try connection.run("INSERT INTO t VALUES ('c', 3)")
            try connection.execute("CREATE TABLE later (x INTEGER)")
        }
        #expect(try values(db) == ["b": 20, "c": 3])
        try db.restore(from: copy)
        #expect(try values(db) == ["a": 1, "b": 2])
        #expect(try tableNames(db) == ["t"])
        // The writer's cached statements re-prepare against the restored schema.
        try db.write { connection in try connection.run("UPDATE t SET v = 5 WHERE k = 'a'") }
        #expect(try values(db) == ["a": 5, "b": 2])
        // The copy is unchanged by later writes and can be restored again.
        try db.restore(from: copy)
        #expect(try values(db) == ["a": 1, "b": 2])
    }

    @Test("an in-memory database is restored the same way")
    func restoresInMemoryDatabase() throws {
        let db = try Database.inMemory()
        defer { db.close() }
        try db.write { connection in
            try connection.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID; INSERT INTO t VALUES ('a', 1);")
        }
        let copy = try db.snapshot()
        try db.write { connection in try connection.run("UPDATE t SET v = 9") }
        try db.restore(from: copy)
        #expect(try values(db) == ["a": 1])
    }

    @Test("a reader inside its transaction keeps its snapshot across a restore; the next one sees the restored rows")
    func readersKeepTheirSnapshot() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let copy = try db.snapshot()
        try db.write { connection in try connection.run("UPDATE t SET v = 100") }
        let seen = try db.read { connection -> [Value] in
            let before = try connection.scalar("SELECT sum(v) FROM t")
            try db.restore(from: copy)   // another connection (the writer): this reader is unaffected
            let after = try connection.scalar("SELECT sum(v) FROM t")
            return [before, after]
        }
        #expect(seen == [.integer(200), .integer(200)])
        #expect(try values(db) == ["a": 1, "b": 2])
    }

    @Test("a restore is announced as a whole replacement, and the watch's triggers keep firing after it")
    func watchSurvivesRestore() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let observer = ReplacementObserver()
        try db.watch([WatchedTable("t", keyColumns: ["k"])], observer: observer)
        let copy = try db.snapshot()
        try db.write { connection in try connection.run("UPDATE t SET v = 7 WHERE k = 'a'") }
        let order = Mutex<[String]>([])
        try db.restore(from: copy, published: { order.withLock { $0 = observer.recorded } })
        try db.write { connection in try connection.run("INSERT INTO t VALUES ('z', 26)") }
        #expect(observer.recorded == ["willCommit a", "didEnd", "willReplaceAll", "didEnd", "willCommit z", "didEnd"])
        // `published` runs after the copy is in place and before the end is announced.
        #expect(order.withLock { $0 }.last == "willReplaceAll")
    }

    @Test("preparing changes the copy inside a transaction before it is restored, reading the current database")
    func preparingCarriesValuesOver() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let copy = try db.snapshot()
        try db.write { connection in try connection.run("UPDATE t SET v = 42 WHERE k = 'b'") }
        try db.restore(from: copy, preparing: { current, copy in
            let kept = try current.scalar("SELECT v FROM t WHERE k = 'b'")
            try copy.run("UPDATE t SET v = ? WHERE k = 'b'", [kept.intValue])
        })
        #expect(try values(db) == ["a": 1, "b": 42])
    }

    @Test("a copy of another page size is refused with a clear error and changes nothing")
    func pageSizeMismatchIsRefused() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let other = try Database.inMemory()
        defer { other.close() }
        try other.writeWithoutTransaction { connection in
            try connection.execute("PRAGMA page_size = 8192; CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER) WITHOUT ROWID; INSERT INTO t VALUES ('x', 0);")
        }
        let foreign = try other.snapshot()
        #expect(foreign.pageSize == 8192)
        let observer = ReplacementObserver()
        try db.watch([WatchedTable("t", keyColumns: ["k"])], observer: observer)
        var published = false
        let error = try #require(throws: SQLiteError.self) { try db.restore(from: foreign, published: { published = true }) }
        #expect(error.message.contains("8192"))
        #expect(!published)
        #expect(try values(db) == ["a": 1, "b": 2])
        #expect(observer.recorded == ["willReplaceAll", "didEnd"])
        // The database still writes normally.
        try db.write { connection in try connection.run("UPDATE t SET v = 3 WHERE k = 'a'") }
        #expect(try values(db) == ["a": 3, "b": 2])
    }

    @Test("a restore blocked by another connection's write lock fails with SQLITE_BUSY after the busy timeout and changes nothing")
    func busyDestinationChangesNothing() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let copy = try db.snapshot()
        try db.write { connection in try connection.run("UPDATE t SET v = 6") }
        // Another connection (as another process would) holds the file's write lock.
        let other = try Connection(path: directory.path("snap.sqlite"))
        try other.execute("BEGIN IMMEDIATE")
        let error = try #require(throws: SQLiteError.self) { try db.restore(from: copy) }
        #expect(error.isBusy)
        try other.execute("ROLLBACK")
        other.close()
        #expect(try values(db) == ["a": 6, "b": 6])
        try db.restore(from: copy)
        #expect(try values(db) == ["a": 1, "b": 2])
    }

    @Test("a preparation that throws restores nothing and leaves the copy as it was")
    func failedPreparationChangesNothing() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let copy = try db.snapshot()
        try db.write { connection in try connection.run("UPDATE t SET v = 8") }
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try db.restore(from: copy, preparing: { _, copy in
                try copy.run("UPDATE t SET v = -1")
                throw Refused()
            })
        }
        #expect(try values(db) == ["a": 8, "b": 8])
        #expect(try copy.read { c in try c.scalar("SELECT sum(v) FROM t") } == .integer(3))
    }

    @Test("capturing runs with the writer held, after the copy: a write cannot slip between them")
    func captureIsAtomicWithTheCopy() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        let counter = Atomic<Int>(0)
        let writers = DispatchGroup()
        let stop = Atomic<Bool>(false)
        // A writer that bumps the row and the counter together, inside its transaction.
        DispatchQueue.global().async(group: writers) {
            while !stop.load(ordering: .relaxed) {
                try? db.write { connection in
                    try connection.run("UPDATE t SET v = v + 1 WHERE k = 'a'")
                    counter.add(1, ordering: .relaxed)
                }
            }
        }
        defer { stop.store(true, ordering: .relaxed); writers.wait() }
        for _ in 0..<20 {
            let (copy, captured) = try db.snapshot(capturing: { counter.load(ordering: .relaxed) })
            let saved = try copy.read { c in try c.scalar("SELECT v FROM t WHERE k = 'a'") }
            #expect(saved == .integer(Int64(1 + captured)))
        }
    }

    @Test("repeated restores do not grow the write-ahead log without bound")
    func walStaysBounded() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try makeFileDatabase(directory)
        defer { db.close() }
        try db.write { connection in
            try connection.run("CREATE TABLE filler (b BLOB)")
            for _ in 0..<200 { try connection.run("INSERT INTO filler VALUES (zeroblob(4000))") }
        }
        let copy = try db.snapshot()
        let databaseBytes = try copy.sizeBytes()
        for _ in 0..<30 { try db.restore(from: copy) }
        let wal = (try? FileManager.default.attributesOfItem(atPath: directory.path("snap.sqlite-wal"))[.size] as? Int) ?? 0
        // Checkpointed as an ordinary COMMIT would be: at 1,000 pages (4 MB), plus the restore
        // that crossed it. Without the checkpoint it was 30 databases (25 MB).
        let threshold = 1000 * copy.pageSize
        #expect(wal < threshold + 2 * databaseBytes, "WAL \(wal) bytes for a \(databaseBytes)-byte database")
    }
}

private extension Value {
    var intValue: Int {
        if case .integer(let value) = self { return Int(value) }
        return -1
    }
}

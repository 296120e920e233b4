import Foundation
import Testing
import SQLite

/// What is on disk after a process dies mid-transaction must not include that transaction.
@Suite struct CrashTests {
    @Test func connectionClosedMidTransactionLeavesNothing() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let path = directory.path("crash.sqlite")
        let db = try Database(path: path)
        try db.write { connection in
            try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
            try connection.run("INSERT INTO t (id, payload) VALUES (1, ?)", [[UInt8]([1])])
        }
        db.close()

        let crashImage = directory.path("crash-image.sqlite")
        let doomed = try Connection(path: path)
        // A tiny page cache forces the uncommitted pages out to the WAL file, as a big transaction would.
        try doomed.execute("PRAGMA cache_size = 2")
        try doomed.execute("BEGIN IMMEDIATE")
        for id in 2...400 {
            try doomed.run("INSERT INTO t (id, payload) VALUES (?, ?)", [id, [UInt8](repeating: 9, count: 2048)])
        }
        // The bytes on disk at this moment are what a SIGKILL would leave behind.
        let fileManager = FileManager.default
        try fileManager.copyItem(atPath: path, toPath: crashImage)
        let walSize = (try fileManager.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize > 100_000, "uncommitted pages should have spilled into the WAL")
        try fileManager.copyItem(atPath: path + "-wal", toPath: crashImage + "-wal")
        doomed.close()  // sqlite3_close_v2 without COMMIT

        for candidate in [path, crashImage] {
            let reopened = try Database(path: candidate, readerCount: 1)
            defer { reopened.close() }
            #expect(try reopened.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(1), "\(candidate)")
            #expect(try reopened.read { try $0.scalar("PRAGMA integrity_check") } == .text("ok"))
        }
    }

    @Test func committedWritesSurviveWithoutCleanClose() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let path = directory.path("durable.sqlite")
        let db = try Database(path: path)
        try db.write { connection in
            try connection.execute("CREATE TABLE t (v INTEGER)")
            try connection.run("INSERT INTO t VALUES (42)")
        }
        // Copy without closing: the committed transaction lives only in the WAL at this point.
        let image = directory.path("image.sqlite")
        try FileManager.default.copyItem(atPath: path, toPath: image)
        try FileManager.default.copyItem(atPath: path + "-wal", toPath: image + "-wal")
        db.close()
        let reopened = try Database(path: image, readerCount: 1)
        defer { reopened.close() }
        #expect(try reopened.read { try $0.scalar("SELECT v FROM t") } == .integer(42))
    }
}

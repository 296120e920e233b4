import Dispatch
import Foundation
import Testing
import SQLite

/// Serialized: these tests measure blocking between threads and should not compete for the 2 cores.
@Suite(.serialized) struct DatabaseTests {
    @Test func fileDatabaseUsesWalAndPragmasOnEveryConnection() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try Database(path: directory.path("wal.sqlite"), readerCount: 2)
        defer { db.close() }
        try db.writeWithoutTransaction { connection throws in
            #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
            #expect(try connection.scalar("PRAGMA synchronous") == .integer(1))  // NORMAL
            #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
            #expect(try connection.scalar("PRAGMA busy_timeout") == .integer(5000))
        }
        try db.read { connection throws in
            #expect(try connection.scalar("PRAGMA journal_mode") == .text("wal"))
            #expect(try connection.scalar("PRAGMA foreign_keys") == .integer(1))
            #expect(connection.isReadOnly)
            #expect(connection.isInTransaction)
        }
    }

    @Test func readsDoNotWaitForAnOpenWriteTransaction() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try Database(path: directory.path("snapshot.sqlite"))
        defer { db.close() }
        try db.write { connection in
            try connection.execute("CREATE TABLE t (v INTEGER NOT NULL)")
            try connection.run("INSERT INTO t VALUES (1)")
        }

        let writerIsInside = DispatchSemaphore(value: 0)
        let releaseWriter = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let committed = Locked(false)
        Thread.detachNewThread {
            try? db.write { connection in
                try connection.run("UPDATE t SET v = 2")
                writerIsInside.signal()
                // Holds the write transaction open until the main thread has read.
                _ = releaseWriter.wait(timeout: .now() + 10)
                committed.withValue { $0 = true }
            }
            writerDone.signal()
        }
        #expect(writerIsInside.wait(timeout: .now() + 5) == .success)

        // Read on another thread so a wrongly blocking read fails the test instead of hanging it.
        let readResult = Locked<Value?>(nil)
        let readDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let value = try? db.read { try $0.scalar("SELECT v FROM t") }
            readResult.withValue { $0 = value }
            readDone.signal()
        }
        let readFinished = readDone.wait(timeout: .now() + 3) == .success
        #expect(readFinished, "read blocked behind the write transaction")
        #expect(!committed.current)
        #expect(readResult.current == .integer(1))  // the snapshot from before the write

        releaseWriter.signal()
        #expect(writerDone.wait(timeout: .now() + 5) == .success)
        if !readFinished { _ = readDone.wait(timeout: .now() + 5) }
        #expect(try db.read { try $0.scalar("SELECT v FROM t") } == .integer(2))
    }

    @Test func concurrentWritersAreSerialized() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try Database(path: directory.path("counter.sqlite"), readerCount: 2)
        defer { db.close() }
        try db.write { connection in
            try connection.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
            try connection.run("INSERT INTO counter VALUES (1, 0)")
        }
        let threads = 8
        let incrementsPerThread = 50
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<incrementsPerThread {
                do {
                    try db.write { connection in
                        // Read-modify-write: only correct if no other writer interleaves.
                        guard case .integer(let n) = try connection.scalar("SELECT n FROM counter WHERE id = 1") else {
                            throw ExpectedFailure(tag: "missing counter")
                        }
                        try connection.run("UPDATE counter SET n = ? WHERE id = 1", [n + 1])
                    }
                    _ = try db.read { try $0.scalar("SELECT n FROM counter WHERE id = 1") }
                } catch {
                    failures.withValue { $0 += 1 }
                }
            }
        }
        #expect(failures.current == 0)
        #expect(try db.read { try $0.scalar("SELECT n FROM counter") } == .integer(Int64(threads * incrementsPerThread)))
    }

    @Test func readerPoolBlocksWhenExhaustedThenServes() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try Database(path: directory.path("pool.sqlite"), readerCount: 1)
        defer { db.close() }
        let completed = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            for _ in 0..<20 {
                if (try? db.read { try $0.scalar("SELECT 1") }) == .integer(1) {
                    completed.withValue { $0 += 1 }
                }
            }
        }
        #expect(completed.current == 120)
    }

    @Test func closeCheckpointsAndLaterCallsThrow() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let path = directory.path("close.sqlite")
        let db = try Database(path: path)
        try db.write { connection in
            try connection.execute("CREATE TABLE t (v BLOB)")
            for _ in 0..<50 { try connection.run("INSERT INTO t VALUES (?)", [[UInt8](repeating: 1, count: 4096)]) }
        }
        db.close()
        db.close()  // idempotent
        #expect(throws: SQLiteError.self) { try db.write { _ in 1 } }
        #expect(throws: SQLiteError.self) { try db.read { _ in 1 } }
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(walSize == 0)
        let reopened = try Database(path: path)
        defer { reopened.close() }
        #expect(try reopened.read { try $0.scalar("SELECT count(*) FROM t") } == .integer(50))
    }

    @Test func inMemoryDatabaseServesReadsFromTheWriter() throws {
        let db = try Database.inMemory()
        defer { db.close() }
        try db.write { try $0.execute("CREATE TABLE t (v); INSERT INTO t VALUES (1);") }
        #expect(try db.read { try $0.scalar("SELECT v FROM t") } == .integer(1))
        #expect(db.path == ":memory:")
    }
}

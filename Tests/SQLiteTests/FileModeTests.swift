import Foundation
import SQLite
import Testing

/// A database that holds secrets is created owner-only, and SQLite's WAL and shared-memory
/// files follow it; a file that already exists keeps its permissions.
@Suite(.serialized) struct FileModeTests {
    /// Under the usual umask (022), so that "SQLite creates 0644" and "asked for 0600" differ.
    static func withUsualUmask<T>(_ body: () throws -> T) rethrows -> T {
        let previous = umask(0o022)
        defer { umask(previous) }
        return try body()
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func aNewFileAndItsWALFilesGetTheAskedMode() throws {
        let folder = try TempDirectory()
        defer { folder.remove() }
        let path = folder.path("secret.sqlite")
        let database = try Self.withUsualUmask { try Database(path: path, readerCount: 1, newFileMode: 0o600) }
        try database.write { db in
            try db.execute("CREATE TABLE t (x)")
            try db.run("INSERT INTO t VALUES (1)")
        }
        _ = try database.read { db in try db.scalar("SELECT count(*) FROM t") }
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(path + "-wal") == 0o600)
        #expect(try Self.mode(path + "-shm") == 0o600)
        database.close()
    }

    @Test func anExistingFileKeepsItsMode() throws {
        let folder = try TempDirectory()
        defer { folder.remove() }
        let path = folder.path("shared.sqlite")
        _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640])
        let database = try Database(path: path, readerCount: 1, newFileMode: 0o600)
        try database.write { db in try db.execute("CREATE TABLE t (x)") }
        #expect(try Self.mode(path) == 0o640)
        database.close()
    }

    @Test func withoutAModeSQLiteCreatesTheFileAsUsual() throws {
        let folder = try TempDirectory()
        defer { folder.remove() }
        let path = folder.path("plain.sqlite")
        let database = try Self.withUsualUmask { try Database(path: path, readerCount: 1) }
        try database.write { db in try db.execute("CREATE TABLE t (x)") }
        #expect(try Self.mode(path) == 0o644)
        database.close()
    }

    @Test func aDanglingSymbolicLinksTargetIsCreatedWithTheMode() throws {
        let folder = try TempDirectory()
        defer { folder.remove() }
        let target = folder.path("target.sqlite"), link = folder.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let database = try Self.withUsualUmask { try Database(path: link, readerCount: 1, newFileMode: 0o600) }
        try database.write { db in try db.execute("CREATE TABLE t (x)") }
        #expect(try Self.mode(target) == 0o600)
        #expect(try Self.mode(target + "-wal") == 0o600)
        database.close()
    }
}

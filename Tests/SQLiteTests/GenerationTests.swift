import SQLite
import XCTest

/// The write generation that read-path caches key on (XCTest, like the rest of the suite's
/// older style, so both test runners report).
final class GenerationTests: XCTestCase {
    func testEveryWriteChangesTheGenerationAndReadsDoNot() throws {
        let directory = try TempDirectory()
        defer { directory.remove() }
        let db = try Database(path: directory.path("generation.sqlite"), readerCount: 2)
        defer { db.close() }
        let start = db.generation
        try db.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
        XCTAssertEqual(db.generation, start + 1)
        _ = try db.read { try $0.scalar("SELECT count(*) FROM t") }
        XCTAssertEqual(db.generation, start + 1, "a read must not change the generation")
        struct Refused: Error {}
        XCTAssertThrowsError(try db.write { db -> Void in
            try db.run("INSERT INTO t (x) VALUES (1)")
            throw Refused()
        })
        // A rolled-back write still moves the generation: caches drop entries conservatively.
        XCTAssertEqual(db.generation, start + 2)
        XCTAssertEqual(try db.read { try $0.scalar("SELECT count(*) FROM t") }, .integer(0))
        try db.writeWithoutTransaction { try $0.execute("INSERT INTO t (x) VALUES (2)") }
        XCTAssertEqual(db.generation, start + 3)
    }
}

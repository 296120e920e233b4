import Testing
@testable import SQLite

/// Issue 10 item 16: every distinct SQL text used to stay prepared in its connection forever.
@Suite struct StatementCacheBoundTests {
    @Test("Hardening: 1,000 distinct SQL texts leave the statement cache at its capacity, not at 1,000")
    func distinctTextsStayBounded() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER)")
        for n in 0..<1_000 {
            // A different literal each time, as `LIMIT n OFFSET m` written into SQL used to be.
            _ = try db.scalar("SELECT \(n) FROM t")
        }
        #expect(db.cachedStatementCount == StatementCache.defaultCapacity)
    }

    @Test("Hardening: the LRU keeps the statement in use and drops the least recently used one")
    func leastRecentlyUsedIsEvicted() throws {
        var cache = StatementCache(capacity: 16)
        let db = try Connection(path: ":memory:")
        let handle = try db.requireHandle()
        var prepared = 0
        func statement(_ sql: String) throws -> Statement {
            try cache.statement(for: sql) {
                prepared += 1
                return try Statement(database: handle, sql: sql, persistent: true)
            }
        }
        let hot = try statement("SELECT 'hot'")
        for n in 0..<100 {
            _ = try statement("SELECT \(n)")
            // Touched between every cold text through the dictionary path (out of `recent`
            // after 8 other texts), so it stays the most recently used.
            if n % 4 == 0 { #expect(try statement("SELECT 'hot'") === hot) }
        }
        #expect(cache.count == 16)
        let before = prepared
        #expect(try statement("SELECT 'hot'") === hot, "the hot statement survived eviction")
        #expect(prepared == before)
        _ = try statement("SELECT 0")
        #expect(prepared == before + 1, "the oldest cold statement was evicted and is prepared again")
    }

    @Test("Hardening: an evicted statement a caller still holds stays usable, and the cache stays bounded")
    func evictedStatementStaysValidWhileHeld() throws {
        let db = try Connection(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)")
        var seen: [Int64] = []
        try db.forEach("SELECT n FROM t ORDER BY n", []) { row in
            // Each row issues a burst of distinct texts that evicts the outer statement.
            for n in 0..<200 { _ = try db.scalar("SELECT \(n)") }
            seen.append(row.int64("n") ?? -1)
        }
        #expect(seen == [1, 2, 3])
        #expect(db.cachedStatementCount <= StatementCache.defaultCapacity)
    }
}

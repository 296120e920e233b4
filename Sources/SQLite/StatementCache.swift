/// Prepared statements of one connection, keyed by SQL text, so hot queries are compiled once.
/// Bounded: beyond `capacity` distinct texts the least recently used statement is dropped
/// (and finalized as soon as no caller still holds it), so SQL that varies with input can
/// never grow a connection's memory without limit.
struct StatementCache {
    static let defaultCapacity = 128

    private struct Entry {
        let statement: Statement
        var lastUse: UInt64
    }

    let capacity: Int
    private var statements: [String: Entry] = [:]
    private var clock: UInt64 = 0
    /// The most recently used statements, checked before the dictionary. Hashing a long SQL text
    /// on every query was several percent of a POR lookup; the SQL of a hot query is usually the
    /// same string literal each time, and `String ==` answers those from the string's identity
    /// without reading the text. Statements found here do not refresh `lastUse` (that would
    /// cost the hash this path avoids); eviction treats them as the most recently used instead.
    private var recent: [Statement] = []
    private static let recentLimit = 8

    init(capacity: Int = StatementCache.defaultCapacity) {
        self.capacity = max(capacity, Self.recentLimit + 1)
    }

    mutating func statement(for sql: String, prepare: () throws -> Statement) rethrows -> Statement {
        for index in recent.indices where recent[index].sql == sql {
            let statement = recent[index]
            if index != 0 {
                recent.remove(at: index)
                recent.insert(statement, at: 0)
            }
            return statement
        }
        clock &+= 1
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached.statement
            statements[sql]?.lastUse = clock
        } else {
            statement = try prepare()
            if statements.count >= capacity { evictLeastRecentlyUsed() }
            statements[sql] = Entry(statement: statement, lastUse: clock)
        }
        if recent.count >= Self.recentLimit { recent.removeLast() }
        recent.insert(statement, at: 0)
        return statement
    }

    /// Drops the least recently used statement that is not in `recent`. A linear scan, but it
    /// runs only when a new text arrives at capacity, which the bound itself makes rare.
    private mutating func evictLeastRecentlyUsed() {
        var victim: (sql: String, lastUse: UInt64)?
        for (sql, entry) in statements where !recent.contains(where: { $0 === entry.statement }) {
            if victim.map({ entry.lastUse < $0.lastUse }) ?? true { victim = (sql, entry.lastUse) }
        }
        if let victim { statements.removeValue(forKey: victim.sql) }
    }

    /// Drops the cache's references; statements still held by callers stay valid until released.
    mutating func removeAll() {
        statements.removeAll()
        recent.removeAll()
    }

    var count: Int { statements.count }
}

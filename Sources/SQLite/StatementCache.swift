/// Prepared statements of one connection, keyed by SQL text, so hot queries are compiled once.
struct StatementCache {
    private var statements: [String: Statement] = [:]

    mutating func statement(for sql: String, prepare: () throws -> Statement) rethrows -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try prepare()
        statements[sql] = statement
        return statement
    }

    /// Drops the cache's references; statements still held by callers stay valid until released.
    mutating func removeAll() {
        statements.removeAll()
    }

    var count: Int { statements.count }
}

/// Prepared statements of one connection, keyed by SQL text, so hot queries are compiled once.
struct StatementCache {
    private var statements: [String: Statement] = [:]
    /// The most recently used statements, checked before the dictionary. Hashing a long SQL text
    /// on every query was several percent of a POR lookup; the SQL of a hot query is usually the
    /// same string literal each time, and `String ==` answers those from the string's identity
    /// without reading the text.
    private var recent: [Statement] = []
    private static let recentLimit = 8

    mutating func statement(for sql: String, prepare: () throws -> Statement) rethrows -> Statement {
        for index in recent.indices where recent[index].sql == sql {
            let statement = recent[index]
            if index != 0 {
                recent.remove(at: index)
                recent.insert(statement, at: 0)
            }
            return statement
        }
        let statement: Statement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try prepare()
            statements[sql] = statement
        }
        if recent.count >= Self.recentLimit { recent.removeLast() }
        recent.insert(statement, at: 0)
        return statement
    }

    /// Drops the cache's references; statements still held by callers stay valid until released.
    mutating func removeAll() {
        statements.removeAll()
        recent.removeAll()
    }

    var count: Int { statements.count }
}

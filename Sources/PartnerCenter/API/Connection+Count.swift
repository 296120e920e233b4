import SQLite

extension Connection {
    /// The integer a `SELECT count(*) ...` answers (0 when it answers nothing).
    func count(_ sql: String, _ arguments: [(any ValueConvertible)?] = []) throws -> Int {
        if case .integer(let value) = try scalar(sql, arguments) { return Int(value) }
        return 0
    }
}

import SQLite

/// PLA and PGA ids share one numeric namespace, so a number is never both (POR-1 depends
/// on telling them apart).
enum AccountNumbers {
    /// Draws at most `maximumAttempts` candidates: with 9 million 7-digit numbers a free one is
    /// found at once unless clients have created millions of locations, and then the request
    /// fails cleanly instead of looping under the write lock.
    static let maximumAttempts = 1_000

    static func unused(_ context: OperationContext, _ db: Connection) throws -> String {
        for _ in 0..<maximumAttempts {
            let candidate = context.ids.accountNumber(digits: 7)
            if try !isTaken(candidate, db) { return candidate }
        }
        throw APIError(.serviceUnavailable, code: ErrorCode.internalError, "No free PLA or PGA number was found; try again.")
    }

    /// Whether `id` is already a PLA id of some location or the PGA id of some partner.
    static func isTaken(_ id: String, _ db: Connection) throws -> Bool {
        try db.queryOne("SELECT 1 FROM locations WHERE pla_id = ?1 UNION ALL SELECT 1 FROM partners WHERE pga_id = ?1", [id]) != nil
    }

    /// A syntactically valid PLA or PGA id: 6 to 10 ASCII digits.
    static func isWellFormed(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (6...10).contains(utf8.count) && utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

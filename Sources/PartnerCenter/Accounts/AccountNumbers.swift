import SQLite

/// PLA and PGA ids share one numeric namespace, so a number is never both (POR-1 depends
/// on telling them apart).
enum AccountNumbers {
    static func unused(_ context: RequestContext, _ db: Connection) throws -> String {
        while true {
            let candidate = context.services.ids.accountNumber(digits: 7)
            let taken = try db.queryOne(
                "SELECT 1 FROM locations WHERE pla_id = ?1 UNION ALL SELECT 1 FROM partners WHERE pga_id = ?1", [candidate])
            if taken == nil { return candidate }
        }
    }

    /// A syntactically valid PLA or PGA id: 6 to 10 ASCII digits.
    static func isWellFormed(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (6...10).contains(utf8.count) && utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

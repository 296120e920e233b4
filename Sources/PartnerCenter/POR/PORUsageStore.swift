import SQLite

/// The one writer of `por_usage` (POR-8): which ids were Partner of Record on a
/// distributor's transactions, and when last.
enum PORUsageStore {
    static func record(distributor: String, partnerId: String, at: String, _ db: Connection) throws {
        try db.run("""
            INSERT INTO por_usage (distributor_id, partner_id, last_used_at) VALUES (?, ?, ?)
            ON CONFLICT (distributor_id, partner_id) DO UPDATE SET last_used_at = excluded.last_used_at
            """, [distributor, partnerId, at])
    }
}

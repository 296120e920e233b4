import SQLite

/// The one writer of `refresh_tokens` (a reset or seed empties them with the world).
enum RefreshTokenStore {
    /// Stores a new token; first drops the expired ones and, past `perBinding` live tokens of
    /// the same client and user, the oldest, so a client refreshing forever keeps the table small.
    static func insert(_ row: RefreshTokenRow, now: Int64, perBinding: Int, _ db: Connection) throws {
        try db.run("DELETE FROM refresh_tokens WHERE expires_at <= ?", [now])
        try db.run("""
            DELETE FROM refresh_tokens WHERE token_hash IN (
                SELECT token_hash FROM refresh_tokens WHERE client_id = ? AND user_name = ?
                ORDER BY issued_at DESC, token_hash LIMIT -1 OFFSET ?)
            """, [row.clientId, row.userName, Int64(perBinding - 1)])
        try db.insert(row, into: "refresh_tokens")
    }

    static func find(hash: String, _ db: Connection) throws -> RefreshTokenRow? {
        try db.fetchOne(RefreshTokenRow.self, "SELECT * FROM refresh_tokens WHERE token_hash = ?", [hash])
    }
}

import SQLite

/// Key-value simulator state in `sim_settings` (clock offset, signing key, world name).
enum Settings {
    static let clockOffset = "clock.offset"
    static let signingKey = "auth.signingKey"
    /// PEM of the RS256 key of the Entra-shaped tokens (made on first use).
    static let rsaSigningKey = "auth.rsaSigningKey"
    static let idSeed = "ids.seed"
    static let world = "world.name"

    static func get(_ key: String, _ db: Connection) throws -> String? {
        try db.queryOne("SELECT value FROM sim_settings WHERE key = ?", [key])?.string("value")
    }

    static func remove(_ key: String, _ db: Connection) throws {
        try db.run("DELETE FROM sim_settings WHERE key = ?", [key])
    }

    /// The clock offset (SimClock) the database holds: 0, real time, when none is stored.
    static func clockOffset(_ db: Connection) throws -> Double {
        try get(clockOffset, db).flatMap(Double.init) ?? 0
    }

    static func set(_ key: String, _ value: String, _ db: Connection) throws {
        try db.run("INSERT INTO sim_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                   [key, value])
    }
}

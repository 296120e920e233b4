import SQLite

/// The one writer of `principals` (the world loader defines them).
enum PrincipalStore {
    static func insert(_ principal: PrincipalRow, _ db: Connection) throws {
        try db.insert(principal, into: "principals")
    }

    /// Every principal, by name.
    static func all(_ db: Connection) throws -> [PrincipalRow] {
        try db.fetchAll(PrincipalRow.self, "SELECT * FROM principals ORDER BY name")
    }
}

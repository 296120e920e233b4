import SQLite

/// GEN-1: the fixed country -> CSP region table of migration 0002.
enum Regions {
    /// The CSP region of `country`; 400 800002 naming `field` when it is not in the table.
    @discardableResult
    static func region(of country: String, field: String, _ db: Connection) throws -> String {
        guard let region = try db.queryOne("SELECT region FROM regions WHERE country_code = ?", [country])?.string("region") else {
            throw APIError.invalidField(field, "'\(country)' is not a country of a CSP region")
        }
        return region
    }
}

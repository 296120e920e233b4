import SQLite

/// The one writer of `customers` and `customer_agreements` (the API's operations and the
/// world loader).
enum CustomerStore {
    static func insert(_ row: CustomerRow, _ db: Connection) throws {
        try db.insert(row, into: "customers")
    }

    /// Records a Microsoft Customer Agreement acceptance (CUS-6).
    static func insertAgreement(_ row: CustomerAgreementRow, _ db: Connection) throws {
        try db.insert(row, into: "customer_agreements")
    }
}

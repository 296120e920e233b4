import SQLite

/// A partnership with the names of its two partners, as the portal shows it. Columns read
/// straight through (`partnership.resellerId`).
@dynamicMemberLookup
struct PartnershipRecord: Sendable {
    let row: PartnershipRow
    let distributorName: String
    let resellerName: String

    subscript<Value>(dynamicMember column: KeyPath<PartnershipRow, Value>) -> Value { row[keyPath: column] }

    /// The partners' names, selected next to the partnership's own columns.
    private struct Names: Decodable {
        let distributorName: String
        let resellerName: String
    }

    static func find(_ id: String, _ db: Connection) throws -> PartnershipRecord? {
        guard let row = try db.queryOne("""
            SELECT s.*, d.legal_name AS distributor_name, r.legal_name AS reseller_name
            FROM partnerships s JOIN partners d ON d.tenant_id = s.distributor_id JOIN partners r ON r.tenant_id = s.reseller_id
            WHERE s.id = ?
            """, [id]) else { return nil }
        let names = try row.decode(Names.self)
        return PartnershipRecord(row: try row.decode(PartnershipRow.self), distributorName: names.distributorName,
                                 resellerName: names.resellerName)
    }
}

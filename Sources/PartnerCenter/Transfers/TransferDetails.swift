import SQLite

/// A transfer as the TransferEntity resource shows it: the row, the names of the customer and
/// both partners as they are now, and its line items.
struct TransferDetails: Sendable {
    /// The names a transfer's SELECT joins in.
    private struct Names: Decodable {
        let customerName: String
        let sourcePartnerName: String
        let targetPartnerName: String
    }

    let transfer: TransferRecord
    let customerName: String
    let sourcePartnerName: String
    let targetPartnerName: String
    let lines: [TransferLineRecord]

    /// The transfer as stored now; 404 900100 when there is none.
    static func load(_ id: String, _ db: Connection) throws -> TransferDetails {
        guard let row = try db.queryOne("""
            SELECT t.*, c.company_name AS customer_name, s.legal_name AS source_partner_name, g.legal_name AS target_partner_name
            FROM transfers t JOIN customers c ON c.tenant_id = t.customer_id
            JOIN partners s ON s.tenant_id = t.source_partner_id JOIN partners g ON g.tenant_id = t.target_partner_id
            WHERE t.id = ?
            """, [id]) else { throw APIError(.notFound, code: ErrorCode.transferNotFound, "The transfer was not found.") }
        let names = try row.decode(Names.self)
        return TransferDetails(transfer: try row.decode(TransferRecord.self), customerName: names.customerName,
                               sourcePartnerName: names.sourcePartnerName, targetPartnerName: names.targetPartnerName,
                               lines: try TransferLineRecord.all(of: id, db))
    }
}

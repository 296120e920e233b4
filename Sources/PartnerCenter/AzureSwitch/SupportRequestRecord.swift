import JSON
import SQLite

/// One row of `support_requests`, column for column (decoded and inserted by name).
struct SupportRequestRecord: Codable, Sendable {
    var id: String
    /// The attached transfer form.
    var formId: String
    var customerId: String
    var sourcePartnerId: String
    var title: String
    var description: String
    var category: String
    var status: SupportRequestStatus
    /// The partner switch's outcome (PartnerSwitchResult), once executed.
    var result: JSON?
    var createdAt: String
    var executedAt: String?
    var executedBy: String?

    static func find(_ id: String, _ db: Connection) throws -> SupportRequestRecord? {
        try db.fetchOne(SupportRequestRecord.self, "SELECT * FROM support_requests WHERE id = ?", [id])
    }
}

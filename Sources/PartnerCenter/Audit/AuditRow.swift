/// One row of `audit_records` (without `seq`, the insertion order SQLite assigns), decoded
/// and inserted by name.
struct AuditRow: Codable, Sendable {
    var id: String
    var createdAt: String
    /// The tenant the record belongs to: each tenant concerned gets its own copy.
    var tenantId: String
    var actorTenantId: String
    var actorId: String
    var operation: String
    var resourceType: String
    var resourceId: String
    var customerId: String?
    /// The change as serialized JSON (`{}` when none).
    var details: String
}

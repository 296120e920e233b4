/// One row of `notifications` (without `seq`, the insertion order SQLite assigns), decoded
/// and inserted by name.
struct NotificationRow: Codable, Sendable {
    var id: String
    var createdAt: String
    var kind: String
    var recipient: String
    var recipientTenantId: String?
    var subject: String
    var body: String
    var link: String?
    var resourceType: String?
    var resourceId: String?
}

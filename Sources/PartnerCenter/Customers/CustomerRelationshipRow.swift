import SQLite

/// One row of `customer_relationships`, column for column (decoded and inserted by name).
struct CustomerRelationshipRow: Codable, Sendable {
    var id: String
    var customerId: String
    var partnerId: String
    var kind: RelationshipKind
    var origin: RelationshipOrigin
    var adminAccess: Bool
    var status: RelationshipStatus
    var createdAt: String
    var endedAt: String?
    /// CUS-5: a relationship extension shares the billing profile with the provider.
    var billingProfileShared: Bool
}

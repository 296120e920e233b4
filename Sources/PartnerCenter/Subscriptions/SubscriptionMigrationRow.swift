/// One row of `subscription_migrations`, column for column: a legacy subscription replaced
/// by its new-commerce equivalent. An add-on's migration names its base's (`baseMigrationId`).
struct SubscriptionMigrationRow: Codable, Sendable {
    var id: String
    var customerId: String
    var partnerId: String
    var currentSubscriptionId: String
    var newSubscriptionId: String
    var catalogItemId: String
    var quantity: Int
    var termDuration: String
    var billingCycle: String
    var purchaseFullTerm: Bool
    var status: MigrationStatus
    var startedAt: String
    var completedAt: String?
    var newCommerceOrderId: String?
    var subscriptionEndDate: String?
    var customTermEndDate: String?
    var externalReferenceId: String?
    var baseMigrationId: String?
}

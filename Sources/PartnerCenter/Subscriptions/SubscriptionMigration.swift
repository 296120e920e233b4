import JSON

/// The Migration resource of the real API (`POST /customers/{cid}/migrations`): a legacy
/// subscription moved to new commerce.
struct SubscriptionMigration: APIResource {
    static let objectType = "Migration"

    let id: String
    let startedTime: String
    @Nullable var completedTime: String?
    let currentSubscriptionId: String
    let status: MigrationStatus
    let customerTenantId: String
    let catalogItemId: String
    let newCommerceSubscriptionId: String
    let quantity: Int
    let termDuration: String
    let billingCycle: String
    let purchaseFullTerm: Bool

    var links: [(name: String, link: Link)] { [("self", Link("/customers/\(customerTenantId)/migrations/\(id)"))] }

    init(_ migration: SubscriptionMigrationRow) {
        id = migration.id
        startedTime = migration.startedAt
        completedTime = migration.completedAt
        currentSubscriptionId = migration.currentSubscriptionId
        status = migration.status
        customerTenantId = migration.customerId
        catalogItemId = migration.catalogItemId
        newCommerceSubscriptionId = migration.newSubscriptionId
        quantity = migration.quantity
        termDuration = migration.termDuration
        billingCycle = migration.billingCycle
        purchaseFullTerm = migration.purchaseFullTerm
    }
}

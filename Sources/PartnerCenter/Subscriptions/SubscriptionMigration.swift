import JSON

/// The NewCommerceMigration resource of the real API (`.../migrations/newcommerce`): a legacy
/// subscription moved to new commerce, with its add-ons' migrations in `addOnMigrations` (only
/// on the base, as the SDK model omits the member when null).
struct SubscriptionMigration: APIResource {
    static let objectType = "NewCommerceMigration"

    let id: String
    let startedTime: String
    @Nullable var completedTime: String?
    let currentSubscriptionId: String
    let status: MigrationStatus
    let customerTenantId: String
    let catalogItemId: String
    let newCommerceSubscriptionId: String
    @Nullable var newCommerceOrderId: String?
    @Nullable var subscriptionEndDate: String?
    @Nullable var customTermEndDate: String?
    let quantity: Int
    let termDuration: String
    /// Capitalized as the documentation's examples show it (`Monthly`).
    let billingCycle: String
    let purchaseFullTerm: Bool
    @Nullable var externalReferenceId: String?
    let addOnMigrations: [SubscriptionMigration]?

    var links: [(name: String, link: Link)] {
        addOnMigrations == nil ? [] : [("self", Link("/customers/\(customerTenantId)/migrations/newcommerce/\(id)"))]
    }

    init(_ details: MigrationDetails) {
        self.init(details.base, addOns: details.addOns.map { SubscriptionMigration($0, addOns: nil) })
    }

    private init(_ migration: SubscriptionMigrationRow, addOns: [SubscriptionMigration]?) {
        id = migration.id
        startedTime = migration.startedAt
        completedTime = migration.completedAt
        currentSubscriptionId = migration.currentSubscriptionId
        status = migration.status
        customerTenantId = migration.customerId
        catalogItemId = migration.catalogItemId
        newCommerceSubscriptionId = migration.newSubscriptionId
        newCommerceOrderId = migration.newCommerceOrderId
        subscriptionEndDate = migration.subscriptionEndDate
        customTermEndDate = migration.customTermEndDate
        quantity = migration.quantity
        termDuration = migration.termDuration
        billingCycle = Self.capitalized(migration.billingCycle)
        purchaseFullTerm = migration.purchaseFullTerm
        externalReferenceId = migration.externalReferenceId
        addOnMigrations = addOns
    }

    static func capitalized(_ cycle: String) -> String { cycle.prefix(1).uppercased() + cycle.dropFirst() }
}

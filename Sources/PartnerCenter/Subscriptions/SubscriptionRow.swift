import JSON
import SQLite

/// One row of `subscriptions`, column for column (decoded and inserted by name: a stored
/// field is one property here and one migration).
struct SubscriptionRow: Codable, Sendable {
    var id: String
    var customerId: String
    var billingPartnerId: String
    var offerId: String
    var friendlyName: String
    var quantity: Int
    var status: SubscriptionStatus
    var billingCycle: String
    /// Empty for offers without a term (Azure usage).
    var termDuration: String
    var autoRenew: Bool
    var parentSubscriptionId: String?
    var partnerIdOnRecord: String?
    var supportContactTenantId: String?
    var azureSubscriptionId: String?
    var orderId: String?
    var gainedAs: GainedAs
    var createdAt: String
    var commitmentEndAt: String?
    var cancelledAt: String?
    var scheduledNextTerm: JSON?
    var scheduledSetAt: String?
    /// Set when the subscription moved to another partner under a new id (SST-9).
    var movedToSubscriptionId: String?
}


import Foundation

/// What a new subscription is made of, whoever creates it (an order, a migration, a
/// transfer, the world loader). SubscriptionStore.insert derives the rest (id, Azure
/// subscription id, commitment end, auto-renew) by one rule.
struct NewSubscription: Sendable {
    var customerId: String
    var billingPartnerId: String
    var offer: OfferRecord
    var quantity: Int
    var billingCycle: String
    /// Empty for offers without a term (Azure usage).
    var termDuration: String
    var friendlyName: String
    var gainedAs: GainedAs
    var parentSubscriptionId: String? = nil
    var partnerIdOnRecord: String? = nil
    var orderId: String? = nil
    /// The Azure subscription id a moved usage subscription keeps (SST-9); nil makes a new one.
    var azureSubscriptionId: String? = nil

    // Fixture options (SIM-3): a world file may fix the id, load a subscription suspended or
    // cancelled, created in the past, or with auto-renew set either way.
    /// Nil generates one.
    var id: String? = nil
    var status: SubscriptionStatus = .active
    /// Nil is the operation's now.
    var createdAt: Date? = nil
    /// Nil applies the rule: a subscription with a commitment end renews, others do not.
    var autoRenew: Bool? = nil
}

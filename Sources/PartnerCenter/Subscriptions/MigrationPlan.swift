import Foundation

/// One legacy subscription's migration to new commerce, worked out before anything is written:
/// the new-commerce offer and the values the new subscription gets. Creating a migration
/// executes the plan; validating one only makes it (so both refuse for the same reasons).
struct MigrationPlan: Sendable {
    let current: SubscriptionRecord
    let target: OfferRecord
    let quantity: Int
    let termDuration: String
    let billingCycle: String
    let purchaseFullTerm: Bool
    let customTermEndDate: Date?
    /// The base's add-ons (nested ones included), each after its own parent.
    let addOns: [MigrationPlan]
}

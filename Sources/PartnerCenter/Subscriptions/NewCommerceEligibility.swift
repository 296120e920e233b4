import JSON

/// The answer of `.../migrations/newcommerce/validate` (the SDK's NewCommerceEligibility):
/// whether the subscription can be migrated as asked and to what, or the errors that prevent it.
struct NewCommerceEligibility: APIResource {
    static let objectType = "NewCommerceEligibility"

    /// One reason a subscription cannot be migrated (NewCommerceEligibilityError).
    struct Problem: Encodable, Sendable {
        let code: Int
        let description: String
    }

    let currentSubscriptionId: String
    let isEligible: Bool
    /// Absent when not eligible, as in the documented example.
    let catalogItemId: String?
    let termDuration: String?
    let billingCycle: String?
    @Nullable var customTermEndDate: String?
    let errors: [Problem]
    let addOnMigrations: [NewCommerceEligibility]

    /// An eligible plan: the base and each add-on with the offer and values they would get.
    init(_ plan: MigrationPlan) {
        self.init(plan, addOns: plan.addOns.map { NewCommerceEligibility($0, addOns: []) })
    }

    private init(_ plan: MigrationPlan, addOns: [NewCommerceEligibility]) {
        currentSubscriptionId = plan.current.id
        isEligible = true
        catalogItemId = plan.target.id
        termDuration = plan.termDuration
        billingCycle = SubscriptionMigration.capitalized(plan.billingCycle)
        customTermEndDate = plan.customTermEndDate.map(Timestamp.format)
        errors = []
        addOnMigrations = addOns
    }

    /// A refused one: the error the migration would be refused with.
    init(refused current: SubscriptionRecord, _ input: MigrationInput, code: Int, description: String) {
        currentSubscriptionId = current.id
        isEligible = false
        catalogItemId = nil
        termDuration = input.termDuration
        billingCycle = input.billingCycle.map(SubscriptionMigration.capitalized)
        customTermEndDate = input.customTermEndDate.map(Timestamp.format)
        errors = [Problem(code: code, description: description)]
        addOnMigrations = []
    }
}

/// A migration as the NewCommerceMigration resource shows it: the base subscription's row and
/// the rows of its add-ons' migrations.
struct MigrationDetails: Sendable {
    let base: SubscriptionMigrationRow
    let addOns: [SubscriptionMigrationRow]
}

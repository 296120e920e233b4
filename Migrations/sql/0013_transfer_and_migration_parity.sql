-- Wire-contract parity of transfers and new-commerce migrations (issue 12).
-- A new-commerce transfer names the target partner's e-mail (targetPartnerEmailId).
ALTER TABLE transfers ADD COLUMN target_partner_email TEXT;

-- A migration records the order that created the new-commerce subscription, the end date it
-- got (customTermEndDate when one was asked for), the caller's batch id, and, for an add-on's
-- migration, the migration of its base (addOnMigrations).
ALTER TABLE subscription_migrations ADD COLUMN new_commerce_order_id TEXT;
ALTER TABLE subscription_migrations ADD COLUMN subscription_end_date TEXT;
ALTER TABLE subscription_migrations ADD COLUMN custom_term_end_date TEXT;
ALTER TABLE subscription_migrations ADD COLUMN external_reference_id TEXT;
ALTER TABLE subscription_migrations ADD COLUMN base_migration_id TEXT REFERENCES subscription_migrations(id);
CREATE INDEX subscription_migrations_current ON subscription_migrations(current_subscription_id);
CREATE INDEX subscription_migrations_base ON subscription_migrations(base_migration_id);

-- Legacy-to-new-commerce migration (a POR-4 change): each legacy license offer names its
-- new-commerce equivalent, and each migration is recorded.
ALTER TABLE offers ADD COLUMN new_commerce_offer_id TEXT REFERENCES offers(id);

INSERT INTO offers (id, name, product_type, description, is_microsoft, is_addon, base_offer_id, billing_model, billing_cycles, term_durations, unit_price, currency) VALUES
    ('CFQ7TTC0LFLZ:0001', 'Microsoft 365 E3', 'OnlineServicesNCE', 'Microsoft 365 E3 (new commerce)', 1, 0, NULL, 'license', 'monthly,annual', 'P1M,P1Y', 36, 'USD'),
    ('CFQ7TTC0LHSV:0001', 'Office 365 Extra File Storage', 'OnlineServicesNCE', 'Add-on of Microsoft 365 E3 (new commerce): extra file storage', 1, 1, 'CFQ7TTC0LFLZ:0001', 'license', 'monthly,annual', 'P1M,P1Y', 0.2, 'USD');

UPDATE offers SET new_commerce_offer_id = 'CFQ7TTC0LFLZ:0001' WHERE id = '796B6B5F-613C-4E24-A17C-EBA730D49C02';
UPDATE offers SET new_commerce_offer_id = 'CFQ7TTC0LHSV:0001' WHERE id = '3B7A2C4E-5D6F-4A8B-9C0D-1E2F3A4B5C6D';

CREATE TABLE subscription_migrations (
    id                          TEXT PRIMARY KEY,
    customer_id                 TEXT NOT NULL REFERENCES customers(tenant_id),
    partner_id                  TEXT NOT NULL REFERENCES partners(tenant_id),
    current_subscription_id     TEXT NOT NULL REFERENCES subscriptions(id),
    new_subscription_id         TEXT NOT NULL REFERENCES subscriptions(id),
    catalog_item_id             TEXT NOT NULL,
    quantity                    INTEGER NOT NULL,
    term_duration               TEXT NOT NULL,
    billing_cycle               TEXT NOT NULL,
    purchase_full_term          INTEGER NOT NULL,
    status                      TEXT NOT NULL,
    started_at                  TEXT NOT NULL,
    completed_at                TEXT
) WITHOUT ROWID;
CREATE INDEX subscription_migrations_customer ON subscription_migrations(customer_id, partner_id);

-- Subscription transfers: new-commerce partner-to-partner (P2P) and self-service direct bill ->
-- indirect provider (SST).
CREATE TABLE transfers (
    id                    TEXT PRIMARY KEY,
    transfer_type         TEXT NOT NULL CHECK (transfer_type IN ('NewCommerce','DirectToIndirect')),
    status                TEXT NOT NULL CHECK (status IN ('Active','Complete','PartiallyComplete','Failed','Reject','Cancelled','Expired')),
    customer_id           TEXT NOT NULL REFERENCES customers(tenant_id),
    customer_email        TEXT,
    source_partner_id     TEXT NOT NULL REFERENCES partners(tenant_id),
    target_partner_id     TEXT NOT NULL REFERENCES partners(tenant_id),
    target_product_types  TEXT,                 -- comma-separated, NULL when not given
    partner_id_on_record  TEXT,                 -- P2P-8: the POR a distributor target assigns
    created_by            TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    last_modified_at      TEXT NOT NULL,
    last_modified_user    TEXT NOT NULL,
    completed_at          TEXT,
    expires_at            TEXT
) WITHOUT ROWID;
CREATE INDEX transfers_customer ON transfers(customer_id, created_at);
CREATE INDEX transfers_expiry ON transfers(status, expires_at);

CREATE TABLE transfer_line_items (
    transfer_id             TEXT NOT NULL REFERENCES transfers(id),
    line_number             INTEGER NOT NULL,
    subscription_id         TEXT NOT NULL REFERENCES subscriptions(id),
    parent_line_number      INTEGER,            -- add-ons ride with their base (SST-6, SUB-3)
    offer_id                TEXT NOT NULL,
    quantity                INTEGER NOT NULL,   -- captured at creation (SST-7, SUB-4)
    billing_cycle           TEXT NOT NULL,
    friendly_name           TEXT NOT NULL,
    partner_id_on_record    TEXT,
    product_type            TEXT NOT NULL,
    status                  TEXT,
    transfer_error          TEXT,
    target_subscription_id  TEXT,
    PRIMARY KEY (transfer_id, line_number)
) WITHOUT ROWID;
CREATE INDEX transfer_line_items_subscription ON transfer_line_items(subscription_id);

-- SST-5: a subscription is in at most one Active transfer. The row lives exactly as long as
-- the transfer is Active; the primary key makes a second claim fail even under a race.
CREATE TABLE transfer_claims (
    subscription_id  TEXT PRIMARY KEY REFERENCES subscriptions(id),
    transfer_id      TEXT NOT NULL REFERENCES transfers(id)
) WITHOUT ROWID;
CREATE INDEX transfer_claims_transfer ON transfer_claims(transfer_id);

-- SST-9: an Azure legacy subscription moved to the distributor leaves the source's list; the
-- row stays for history and points at its successor.
ALTER TABLE subscriptions ADD COLUMN moved_to_subscription_id TEXT;

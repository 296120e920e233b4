-- Orders, subscription changes, credits and POR enforcement (POR-3..POR-8, SUB-1..SUB-4).

CREATE TABLE order_line_items (
    order_id                TEXT NOT NULL REFERENCES orders(id),
    line_item_number        INTEGER NOT NULL,
    offer_id                TEXT NOT NULL REFERENCES offers(id),
    subscription_id         TEXT NOT NULL REFERENCES subscriptions(id),
    quantity                INTEGER NOT NULL,
    term_duration           TEXT NOT NULL DEFAULT '',
    billing_cycle           TEXT NOT NULL,
    partner_id_on_record    TEXT,
    parent_subscription_id  TEXT,
    friendly_name           TEXT NOT NULL,
    PRIMARY KEY (order_id, line_item_number)
) WITHOUT ROWID;

-- A scheduled change applies at the next renewal; when it was set decides POR-5.
ALTER TABLE subscriptions ADD COLUMN scheduled_next_term TEXT;
ALTER TABLE subscriptions ADD COLUMN scheduled_set_at TEXT;
CREATE INDEX subscriptions_renewal ON subscriptions(status, commitment_end_at);

-- Cancellation credits (SUB-1, SUB-2), kept for the next invoice.
CREATE TABLE credits (
    id               TEXT PRIMARY KEY,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions(id),
    partner_id       TEXT NOT NULL REFERENCES partners(tenant_id),
    amount           REAL NOT NULL,
    currency         TEXT NOT NULL,
    reason           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    invoice_date     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX credits_partner ON credits(partner_id, invoice_date);

-- POR-8: which PLA (or PGA) ids were Partner of Record on a distributor's transactions, and when last.
CREATE TABLE por_usage (
    distributor_id  TEXT NOT NULL REFERENCES partners(tenant_id),
    partner_id      TEXT NOT NULL,
    last_used_at    TEXT NOT NULL,
    PRIMARY KEY (distributor_id, partner_id)
) WITHOUT ROWID;

-- POR-8: the ResellerEligibility report as of its last refresh (it may disagree with the live API).
CREATE TABLE eligibility_reports (
    distributor_id   TEXT PRIMARY KEY REFERENCES partners(tenant_id),
    refreshed_at     TEXT NOT NULL,
    next_refresh_at  TEXT NOT NULL,
    csv              TEXT NOT NULL
) WITHOUT ROWID;

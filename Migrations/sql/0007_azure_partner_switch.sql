-- The Azure CSP partner switch through the transfer form and Azure support (AZS-1..AZS-6).
CREATE TABLE transfer_forms (
    id                 TEXT PRIMARY KEY,
    status             TEXT NOT NULL CHECK (status IN ('Draft','SentToCustomer','Returned','Submitted','Completed','Failed')),
    customer_id        TEXT NOT NULL REFERENCES customers(tenant_id),
    source_partner_id  TEXT NOT NULL REFERENCES partners(tenant_id),
    target_partner_id  TEXT REFERENCES partners(tenant_id),
    subscription_ids   TEXT NOT NULL DEFAULT '[]',   -- JSON array
    source_details     TEXT NOT NULL DEFAULT '{}',
    customer_details   TEXT NOT NULL DEFAULT '{}',
    target_details     TEXT NOT NULL DEFAULT '{}',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    sent_at            TEXT,
    returned_at        TEXT,
    submitted_at       TEXT
) WITHOUT ROWID;
CREATE INDEX transfer_forms_source ON transfer_forms(source_partner_id, status);
CREATE INDEX transfer_forms_customer ON transfer_forms(customer_id, status);

-- A subscription is on at most one open form (Draft, SentToCustomer, Returned, Submitted).
CREATE TABLE transfer_form_claims (
    subscription_id  TEXT PRIMARY KEY REFERENCES subscriptions(id),
    form_id          TEXT NOT NULL REFERENCES transfer_forms(id)
) WITHOUT ROWID;
CREATE INDEX transfer_form_claims_form ON transfer_form_claims(form_id);

CREATE TABLE support_requests (
    id                 TEXT PRIMARY KEY,
    form_id            TEXT NOT NULL UNIQUE REFERENCES transfer_forms(id),
    customer_id        TEXT NOT NULL REFERENCES customers(tenant_id),
    source_partner_id  TEXT NOT NULL REFERENCES partners(tenant_id),
    title              TEXT NOT NULL,
    description        TEXT NOT NULL,
    category           TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('Open','Completed','Failed')),
    result             TEXT,
    created_at         TEXT NOT NULL,
    executed_at        TEXT,
    executed_by        TEXT
) WITHOUT ROWID;

-- Azure RBAC role assignments of partner tenants on Azure subscriptions (AZS-6).
CREATE TABLE role_assignments (
    id                     TEXT PRIMARY KEY,
    azure_subscription_id  TEXT NOT NULL,
    principal_tenant_id    TEXT NOT NULL,
    role                   TEXT NOT NULL,
    created_at             TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX role_assignments_subscription ON role_assignments(azure_subscription_id);

-- Azure subscriptions that exist before this migration get their billing partner as Owner.
INSERT INTO role_assignments (id, azure_subscription_id, principal_tenant_id, role, created_at)
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-8' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       azure_subscription_id, billing_partner_id, 'Owner', created_at
FROM subscriptions WHERE azure_subscription_id IS NOT NULL AND moved_to_subscription_id IS NULL;

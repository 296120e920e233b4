-- Core schema of pcsim. Times are ISO 8601 UTC text from the simulated clock, so they sort
-- and compare as strings. Ids are lowercase GUID text unless noted.

-- Simulator state: clock offset, signing key, id generator state, configuration.
CREATE TABLE sim_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE regions (
    country_code TEXT PRIMARY KEY,          -- ISO 3166-1 alpha-2, upper case
    country_name TEXT NOT NULL,
    region       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE offers (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    product_type    TEXT NOT NULL CHECK (product_type IN ('AzureLegacy','AzureSubscription','AzureReservation',
                        'OnlineServices','OnlineServicesNCE','SaaS','Software')),
    description     TEXT NOT NULL,
    is_microsoft    INTEGER NOT NULL DEFAULT 1,
    is_addon        INTEGER NOT NULL DEFAULT 0,
    base_offer_id   TEXT REFERENCES offers(id),
    billing_model   TEXT NOT NULL CHECK (billing_model IN ('usage','license','term','perpetual')),
    billing_cycles  TEXT NOT NULL,          -- comma-separated: monthly,annual,none
    term_durations  TEXT NOT NULL,          -- comma-separated ISO 8601 durations, '' when none
    unit_price      REAL NOT NULL,
    currency        TEXT NOT NULL
) WITHOUT ROWID;

-- A partner tenant (distributor, indirect reseller, direct-bill partner, or several).
CREATE TABLE partners (
    tenant_id              TEXT PRIMARY KEY,
    legal_name             TEXT NOT NULL,
    country                TEXT NOT NULL REFERENCES regions(country_code),
    address_line1          TEXT NOT NULL DEFAULT '',
    city                   TEXT NOT NULL DEFAULT '',
    postal_code            TEXT NOT NULL DEFAULT '',
    primary_contact_name   TEXT NOT NULL DEFAULT '',
    primary_contact_email  TEXT NOT NULL DEFAULT '',
    support_email          TEXT NOT NULL DEFAULT '',
    support_phone          TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL DEFAULT 'Active' CHECK (status IN ('Active','Suspended','Deleted')),
    pga_id                 TEXT UNIQUE,
    mpa_accepted_at        TEXT,
    mpa_pla_id             TEXT,
    maicpp_member          INTEGER NOT NULL DEFAULT 0,
    maicpp_contact_email   TEXT,
    csp_revenue_usd        REAL NOT NULL DEFAULT 0,
    is_sandbox             INTEGER NOT NULL DEFAULT 0,
    created_at             TEXT NOT NULL
) WITHOUT ROWID;

-- One row per (partner, program). Status follows ACC-3: Pending -> Verified -> Active.
CREATE TABLE enrollments (
    id                   TEXT PRIMARY KEY,
    tenant_id            TEXT NOT NULL REFERENCES partners(tenant_id),
    program              TEXT NOT NULL CHECK (program IN ('Distributor','IndirectReseller','DirectBill')),
    status               TEXT NOT NULL CHECK (status IN ('Pending','Verified','Active','Restricted','Suspended')),
    created_at           TEXT NOT NULL,
    verification_due_at  TEXT,
    verified_at          TEXT,
    activated_at         TEXT,
    restricted_at        TEXT,
    suspended_at         TEXT,
    is_migration         INTEGER NOT NULL DEFAULT 0,  -- a direct-bill tenant enrolling as indirect reseller (ACC-6)
    UNIQUE (tenant_id, program)
) WITHOUT ROWID;
CREATE INDEX enrollments_due ON enrollments(status, verification_due_at);

-- Partner Location Accounts: the only valid Partner of Record ids (POR-1).
CREATE TABLE locations (
    pla_id      TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES partners(tenant_id),
    name        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL REFERENCES regions(country_code),
    status      TEXT NOT NULL CHECK (status IN ('Active','Inactive')),
    created_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX locations_tenant ON locations(tenant_id);

CREATE TABLE partnerships (
    id              TEXT PRIMARY KEY,
    distributor_id  TEXT NOT NULL REFERENCES partners(tenant_id),
    reseller_id     TEXT NOT NULL REFERENCES partners(tenant_id),
    status          TEXT NOT NULL CHECK (status IN ('Requested','Active','Removed')),
    invitation_id   TEXT,
    requested_at    TEXT NOT NULL,
    activated_at    TEXT,
    removed_at      TEXT,
    -- PSH-6: accepting gives the distributor admin access to the reseller's work account.
    distributor_admin_access INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX partnerships_pair ON partnerships(distributor_id, reseller_id, status);
CREATE INDEX partnerships_reseller ON partnerships(reseller_id, status);

-- Links that a party accepts: partnership requests, relationship requests, extensions.
CREATE TABLE invitations (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('Partnership','ResellerRelationship','IndirectResellerRelationship','RelationshipExtension')),
    inviter_id         TEXT NOT NULL,
    second_partner_id  TEXT,
    invitee_tenant_id  TEXT,
    customer_id        TEXT,
    status             TEXT NOT NULL CHECK (status IN ('Pending','Accepted','Expired')),
    created_at         TEXT NOT NULL,
    expires_at         TEXT,
    accepted_at        TEXT,
    accepted_by        TEXT,
    payload            TEXT NOT NULL DEFAULT '{}'
) WITHOUT ROWID;
CREATE INDEX invitations_inviter ON invitations(inviter_id, kind);

CREATE TABLE customers (
    tenant_id        TEXT PRIMARY KEY,
    company_name     TEXT NOT NULL,
    domain           TEXT NOT NULL UNIQUE,
    country          TEXT NOT NULL REFERENCES regions(country_code),
    email            TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    created_by       TEXT
) WITHOUT ROWID;

-- Microsoft Customer Agreement acceptances (CUS-6).
CREATE TABLE customer_agreements (
    id           TEXT PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers(tenant_id),
    method       TEXT NOT NULL CHECK (method IN ('AdminCenter','PartnerAttestation')),
    partner_id   TEXT,
    signer_email TEXT NOT NULL DEFAULT '',
    signer_name  TEXT NOT NULL DEFAULT '',
    accepted_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX customer_agreements_customer ON customer_agreements(customer_id);

CREATE TABLE customer_relationships (
    id            TEXT PRIMARY KEY,
    customer_id   TEXT NOT NULL REFERENCES customers(tenant_id),
    partner_id    TEXT NOT NULL REFERENCES partners(tenant_id),
    kind          TEXT NOT NULL CHECK (kind IN ('Reseller','IndirectReseller','IndirectProvider')),
    origin        TEXT NOT NULL CHECK (origin IN ('Invitation','Extension','CreatedByDistributor','CreatedByPartner','Seed','Transfer')),
    admin_access  INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL CHECK (status IN ('Active','Ended')),
    created_at    TEXT NOT NULL,
    ended_at      TEXT
) WITHOUT ROWID;
CREATE INDEX customer_relationships_partner ON customer_relationships(partner_id, status, customer_id);
CREATE INDEX customer_relationships_customer ON customer_relationships(customer_id, status);

CREATE TABLE orders (
    id             TEXT PRIMARY KEY,
    customer_id    TEXT NOT NULL REFERENCES customers(tenant_id),
    partner_id     TEXT NOT NULL REFERENCES partners(tenant_id),
    status         TEXT NOT NULL,
    created_at     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX orders_customer ON orders(customer_id, partner_id);

CREATE TABLE subscriptions (
    id                         TEXT PRIMARY KEY,
    customer_id                TEXT NOT NULL REFERENCES customers(tenant_id),
    billing_partner_id         TEXT NOT NULL REFERENCES partners(tenant_id),
    offer_id                   TEXT NOT NULL REFERENCES offers(id),
    friendly_name              TEXT NOT NULL,
    quantity                   INTEGER NOT NULL CHECK (quantity >= 0),
    status                     TEXT NOT NULL CHECK (status IN ('active','suspended','deleted')),
    billing_cycle              TEXT NOT NULL,
    term_duration              TEXT NOT NULL DEFAULT '',
    auto_renew                 INTEGER NOT NULL DEFAULT 0,
    parent_subscription_id     TEXT REFERENCES subscriptions(id),
    partner_id_on_record       TEXT,
    support_contact_tenant_id  TEXT,
    azure_subscription_id      TEXT,
    order_id                   TEXT,
    gained_as                  TEXT NOT NULL DEFAULT 'Direct' CHECK (gained_as IN ('Direct','Indirect')),
    created_at                 TEXT NOT NULL,
    commitment_end_at          TEXT,
    cancelled_at               TEXT
) WITHOUT ROWID;
CREATE INDEX subscriptions_customer ON subscriptions(customer_id, billing_partner_id);
CREATE INDEX subscriptions_parent ON subscriptions(parent_subscription_id);
CREATE INDEX subscriptions_por ON subscriptions(partner_id_on_record);

-- GEN-4: every mail the real service would send, kept instead of sent.
CREATE TABLE notifications (
    seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
    id                  TEXT NOT NULL UNIQUE,
    created_at          TEXT NOT NULL,
    kind                TEXT NOT NULL,
    recipient           TEXT NOT NULL,
    recipient_tenant_id TEXT,
    subject             TEXT NOT NULL,
    body                TEXT NOT NULL,
    link                TEXT,
    resource_type       TEXT,
    resource_id         TEXT
);
CREATE INDEX notifications_recipient ON notifications(recipient_tenant_id, seq);

-- GEN-4: who did what, when, to which resource.
CREATE TABLE audit_records (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    tenant_id      TEXT NOT NULL,     -- the tenant the record belongs to (actor's, and affected parties get their own copy)
    actor_tenant_id TEXT NOT NULL,
    actor_id       TEXT NOT NULL,
    operation      TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    customer_id    TEXT,
    details        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_records_tenant ON audit_records(tenant_id, created_at);

-- Idempotent replay of POST/PATCH/DELETE by MS-RequestId (24 hours of simulated time).
CREATE TABLE idempotency_keys (
    tenant_id     TEXT NOT NULL,
    principal_id  TEXT NOT NULL,
    request_id    TEXT NOT NULL,
    method        TEXT NOT NULL,
    path          TEXT NOT NULL,
    status        INTEGER NOT NULL,
    headers       TEXT NOT NULL,
    body          BLOB NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, principal_id, request_id)
) WITHOUT ROWID;

-- The named principals of the loaded world (GET /_sim/principals).
CREATE TABLE principals (
    name       TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('Distributor','IndirectReseller','DirectBill','Customer','Microsoft')),
    roles      TEXT NOT NULL,   -- comma-separated
    user_id    TEXT NOT NULL
) WITHOUT ROWID;

-- Bulk data for the "large database" figures of bench/run.sh, applied with the sqlite3 CLI to a
-- database that pcsim created first (migrations + demo world), while pcsim is stopped.
--   100,000 indirect-reseller partners: PGA ids 8000001..8100000, one Active PLA each
--   (7000001..7100000, no collision with the demo world's 4xxxxxx/5xxxxxx ids), an Active
--   IndirectReseller enrollment; the odd-numbered half is in an Active partnership with the
--   demo distributor (Contoso, d1000000-...-000000000001).
--   1,000,000 subscriptions of demo customer c4000000-...-000000000001, billed to the
--   distributor, each with one of the generated PLA ids as Partner of Record.
-- Ids are GUID-shaped and increasing so the WITHOUT ROWID b-trees are filled in order.
-- Commitment ends are far in the future so the renewal ticker has nothing to do.
PRAGMA journal_mode = DELETE;   -- a 1M-row transaction in WAL would double the writes
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;    -- 256 MB
PRAGMA foreign_keys = ON;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO partners (tenant_id, legal_name, country, status, pga_id, created_at)
SELECT printf('b7000000-0000-4000-8000-%012x', i), printf('Bench Reseller %06d', i), 'US', 'Active',
       CAST(8000000 + i AS TEXT), '2025-01-01T00:00:00Z'
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO enrollments (id, tenant_id, program, status, created_at, verified_at, activated_at)
SELECT printf('e7000000-0000-4000-8000-%012x', i), printf('b7000000-0000-4000-8000-%012x', i),
       'IndirectReseller', 'Active', '2025-01-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-01-03T00:00:00Z'
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO locations (pla_id, tenant_id, name, country, status, created_at)
SELECT CAST(7000000 + i AS TEXT), printf('b7000000-0000-4000-8000-%012x', i), printf('Bench Reseller %06d (HQ)', i),
       'US', 'Active', '2025-01-01T00:00:00Z'
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 2 FROM n WHERE i < 99999)
INSERT INTO partnerships (id, distributor_id, reseller_id, status, requested_at, activated_at, distributor_admin_access)
SELECT printf('a7000000-0000-4000-8000-%012x', i), 'd1000000-0000-4000-8000-000000000001',
       printf('b7000000-0000-4000-8000-%012x', i), 'Active', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 1
FROM n;

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO subscriptions (id, customer_id, billing_partner_id, offer_id, friendly_name, quantity, status,
                           billing_cycle, term_duration, auto_renew, partner_id_on_record, gained_as, created_at,
                           commitment_end_at)
SELECT printf('57000000-0000-4000-8000-%012x', i), 'c4000000-0000-4000-8000-000000000001',
       'd1000000-0000-4000-8000-000000000001', 'CFQ7TTC0LH18:0001', printf('Bench subscription %07d', i),
       1 + i % 50, 'active', 'monthly', 'P1M', 1, CAST(7000001 + i % 100000 AS TEXT), 'Indirect',
       '2025-01-01T00:00:00Z', '2099-01-01T00:00:00Z'
FROM n;
COMMIT;
PRAGMA journal_mode = WAL;

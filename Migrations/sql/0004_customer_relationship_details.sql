-- CUS-5: a reseller relationship extension shares the billing profile with the provider.
ALTER TABLE customer_relationships ADD COLUMN billing_profile_shared INTEGER NOT NULL DEFAULT 0;
-- Customer billing profile details kept as the real Customer resource renders them.
ALTER TABLE customers ADD COLUMN billing_profile TEXT NOT NULL DEFAULT '{}';
CREATE INDEX customer_relationships_active ON customer_relationships(customer_id, partner_id, status);

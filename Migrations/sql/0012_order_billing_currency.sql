-- Issue 12 (wire-contract parity, orders): the order-level billing cycle and currency the real
-- Order resource carries (read from the request, else the first line's cycle and the offers'
-- currency), its transaction type, and per line the catalog item id as the request named it
-- (new commerce: product:sku:availability) and the renewal term (`renewsTo`).
ALTER TABLE orders ADD COLUMN billing_cycle TEXT NOT NULL DEFAULT '';
ALTER TABLE orders ADD COLUMN currency_code TEXT NOT NULL DEFAULT 'USD';
ALTER TABLE orders ADD COLUMN transaction_type TEXT NOT NULL DEFAULT 'UserPurchase';
ALTER TABLE order_line_items ADD COLUMN catalog_item_id TEXT;
ALTER TABLE order_line_items ADD COLUMN renews_to_term TEXT;

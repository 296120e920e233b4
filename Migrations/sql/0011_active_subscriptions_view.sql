-- Subscriptions that are active, for capabilities that read subscriptions without owning
-- them (a customer relationship cannot end while the partner bills an active Azure
-- reservation): they ask this view instead of spelling the status themselves (issue 11).
CREATE VIEW active_subscriptions AS SELECT * FROM subscriptions WHERE status = 'active';

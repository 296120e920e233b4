-- POR verdicts look a partnership up by reseller first: a reseller id is selective, whereas
-- every partnership of a large distributor shares its distributor id, which made each index
-- comparison walk the whole shared prefix (seen in the large-database benchmark).
DROP INDEX partnerships_pair;
DROP INDEX partnerships_reseller;
CREATE INDEX partnerships_by_reseller ON partnerships(reseller_id, distributor_id, status);
CREATE INDEX partnerships_by_distributor ON partnerships(distributor_id, status);

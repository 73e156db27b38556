-- 018_org_over_quota_index.sql: how many customers are flagged over their maximum, and which, is read on
-- every view of the vendor's quota page; without an index that read all organisations (10,000 rows per view
-- at bench scale, more than the page itself).

ALTER TABLE organisations ADD KEY ix_organisations_over_quota (kind, over_quota_since);
